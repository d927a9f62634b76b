{{ indent 1 `日ab

日;

日 ` | quote }}
{{ indent 2 `bb;ababéb` | quote }}
{{ indent 0 `b;babb` | quote }}
{{ indent 0 `日;b- abaab` | quote }}
{{ indent 3 `-日aaba-ab ` | quote }}
{{ indent 3 `-é ` | quote }}
{{ indent 3 `a-


  -ab` | quote }}
{{ indent 1 `

日日

ab` | quote }}
{{ indent 3 `;-ab
 b` | quote }}
{{ indent 2 `-

-
` | quote }}
{{ indent 0 `
 a  abé

` | quote }}
{{ indent 2 `a

` | quote }}
{{ indent 1 `abb -` | quote }}
{{ indent 0 `

aab日` | quote }}
{{ indent 0 `é` | quote }}
{{ indent 3 `ab` | quote }}
{{ indent 3 `éaba;
aabb` | quote }}
{{ indent 0 `

` | quote }}
{{ indent 2 `



` | quote }}
{{ indent 1 `b

é` | quote }}
{{ indent 3 `ab
-ab` | quote }}
{{ indent 1 `ab` | quote }}
{{ indent 2 `` | quote }}
{{ indent 0 `ab- 日日b` | quote }}
{{ indent 1 `a日日` | quote }}
{{ indent 2 `



;;` | quote }}
{{ indent 0 `b é;;` | quote }}
{{ indent 2 `

日` | quote }}
{{ indent 0 `aba ---;` | quote }}
{{ indent 1 `a日 

a
` | quote }}
{{ indent 1 `b-ab日;

é` | quote }}
{{ indent 0 `; ab` | quote }}
{{ indent 0 ` é` | quote }}
{{ indent 3 `

日a日
日` | quote }}
{{ indent 1 `` | quote }}
{{ indent 2 `ab日b;ab-` | quote }}
{{ indent 3 `-

bé


` | quote }}
{{ indent 2 `` | quote }}
{{ indent 0 ` -b-
` | quote }}
{{ indent 0 `日a ab


` | quote }}

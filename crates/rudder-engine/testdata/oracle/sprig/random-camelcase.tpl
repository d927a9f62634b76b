{{ camelcase `` | quote }}
{{ camelcase `ba:ΣY0_1ǆ日日` | quote }}
{{ camelcase `İ ı.ß` | quote }}
{{ camelcase `.bZ!:c本/ı` | quote }}
{{ camelcase ` éΣ ١0ΣΣ` | quote }}
{{ camelcase `-Z0a:ǆ` | quote }}
{{ camelcase `	9-本	!` | quote }}
{{ camelcase `	İ!-本ǅ099/` | quote }}
{{ camelcase `a` | quote }}
{{ camelcase `9ǅ σ	ß` | quote }}
{{ camelcase `ǅ本` | quote }}
{{ camelcase `c	١Zǅ` | quote }}
{{ camelcase `Σ` | quote }}
{{ camelcase `		9` | quote }}
{{ camelcase `0ǆß:本Xß-a?` | quote }}
{{ camelcase `0Zc1/İXX١` | quote }}
{{ camelcase ` ıÉÉσ` | quote }}
{{ camelcase `	日` | quote }}
{{ camelcase `σ` | quote }}
{{ camelcase `ǆΣ` | quote }}
{{ camelcase `a本本١Zσ09bÉ-` | quote }}
{{ camelcase `-日本ǅı_ZZ本0` | quote }}
{{ camelcase `` | quote }}
{{ camelcase `` | quote }}
{{ camelcase `σ	` | quote }}
{{ camelcase `` | quote }}
{{ camelcase `ǆ9Σ	σσİ:Xı` | quote }}
{{ camelcase `١Y.` | quote }}
{{ camelcase `ǅé:é-_!` | quote }}
{{ camelcase `.İb本	bZY_1 ` | quote }}
{{ camelcase `_Éı` | quote }}
{{ camelcase `ǅσ_` | quote }}
{{ camelcase `_éΣX10` | quote }}
{{ camelcase `Zé0aa` | quote }}
{{ camelcase `0` | quote }}
{{ camelcase `İΣ日-` | quote }}
{{ camelcase `:b ١日١.Z` | quote }}
{{ camelcase `.ǅ` | quote }}
{{ camelcase `__a?ΣY?` | quote }}
{{ camelcase `` | quote }}
{{ camelcase `١	日Σ!0X- ǅé` | quote }}
{{ camelcase `` | quote }}
{{ camelcase `:` | quote }}
{{ camelcase `σ/` | quote }}
{{ camelcase `` | quote }}
{{ camelcase `İǅ` | quote }}
{{ camelcase `ǅ-ǅ` | quote }}
{{ camelcase `` | quote }}
{{ camelcase `σa.!1١ÉYǅbY` | quote }}
{{ camelcase `ǅ ` | quote }}
{{ camelcase `!日-` | quote }}
{{ camelcase `ß_Z日_	σİ` | quote }}
{{ camelcase `σÉ	_9ǅ-é` | quote }}
{{ camelcase `` | quote }}
{{ camelcase `Y_Éıı0::` | quote }}
{{ camelcase `c` | quote }}
{{ camelcase `ǅ0ZYéΣYǅİb` | quote }}
{{ camelcase `İ_ıcΣb١İ` | quote }}
{{ camelcase `YéZ9ǅb :ǆ` | quote }}
{{ camelcase `0ß:本` | quote }}

{{ $r := regexFindAll `\B?` `-baa-b
1é` -1 }}{{ len $r }}:{{ join "|" $r | quote }}
{{ $r := regexFindAll `\d\w+` `-aé` 1 }}{{ len $r }}:{{ join "|" $r | quote }}
{{ $r := regexFindAll `$\x61\z` `

é1` 2 }}{{ len $r }}:{{ join "|" $r | quote }}
{{ $r := regexFindAll `\pL+` `_a` 1 }}{{ len $r }}:{{ join "|" $r | quote }}
{{ $r := regexFindAll `[a-c]?(?i:é)` `
bbébé1 _x` 1 }}{{ len $r }}:{{ join "|" $r | quote }}
{{ $r := regexFindAll `a` `ba-bb-b__` -1 }}{{ len $r }}:{{ join "|" $r | quote }}
{{ $r := regexFindAll `^*` ` éé-a1` -1 }}{{ len $r }}:{{ join "|" $r | quote }}
{{ $r := regexFindAll `(a|b)(?P<n>a)a{1,2}` `bxbbééé` -1 }}{{ len $r }}:{{ join "|" $r | quote }}
{{ $r := regexFindAll `b{1,2}` ` -bé_b` 1 }}{{ len $r }}:{{ join "|" $r | quote }}
{{ $r := regexFindAll `[^\s]x+` `xbb` -1 }}{{ len $r }}:{{ join "|" $r | quote }}
{{ $r := regexFindAll `[[:alpha:]]` `ab  bb_x` 2 }}{{ len $r }}:{{ join "|" $r | quote }}
{{ $r := regexFindAll `\Qa.\E?` `-  ` 2 }}{{ len $r }}:{{ join "|" $r | quote }}
{{ $r := regexFindAll `\b?é\pN?` `` -1 }}{{ len $r }}:{{ join "|" $r | quote }}
{{ $r := regexFindAll `\pL[^a]` ` _` -1 }}{{ len $r }}:{{ join "|" $r | quote }}
{{ $r := regexFindAll `(?:ab)+\.*` `x
aaaxa_b ` 2 }}{{ len $r }}:{{ join "|" $r | quote }}
{{ $r := regexFindAll `\pN(|a)+\b{1,2}` `aébé-ba ` 2 }}{{ len $r }}:{{ join "|" $r | quote }}
{{ $r := regexFindAll `^+[\d-]\b` `éb` 2 }}{{ len $r }}:{{ join "|" $r | quote }}
{{ $r := regexFindAll `(?i:é){1,2}(?m)^\B` `-éé
1b_-é` 2 }}{{ len $r }}:{{ join "|" $r | quote }}
{{ $r := regexFindAll `é` `-éxbbéaaa` 2 }}{{ len $r }}:{{ join "|" $r | quote }}
{{ $r := regexFindAll `\Qa.\E{1,2}\z(a|b)?` `xé-1` 2 }}{{ len $r }}:{{ join "|" $r | quote }}
{{ $r := regexFindAll `(?:ab)?(|a)[\d-]` `a1éb-` 1 }}{{ len $r }}:{{ join "|" $r | quote }}
{{ $r := regexFindAll `(?:ab)` `éa` 1 }}{{ len $r }}:{{ join "|" $r | quote }}
{{ $r := regexFindAll `é{1,2}[[:alpha:]]?` `_` -1 }}{{ len $r }}:{{ join "|" $r | quote }}
{{ $r := regexFindAll `(|a)+[^\s]*` `x
xaa1-11` -1 }}{{ len $r }}:{{ join "|" $r | quote }}
{{ $r := regexFindAll `a?(?:ab)+\pN` `a-

` -1 }}{{ len $r }}:{{ join "|" $r | quote }}
{{ $r := regexFindAll `.?` `éx
 é
` -1 }}{{ len $r }}:{{ join "|" $r | quote }}
{{ $r := regexFindAll `[a-c]` `b
--b-` -1 }}{{ len $r }}:{{ join "|" $r | quote }}
{{ $r := regexFindAll `(?m)^\x61+\s` ` a1aaxéa ` 2 }}{{ len $r }}:{{ join "|" $r | quote }}
{{ $r := regexFindAll `é{1,2}\A` `a1
` 1 }}{{ len $r }}:{{ join "|" $r | quote }}
{{ $r := regexFindAll `\B?\S?[é-ê]*` `b
a
abéab
` -1 }}{{ len $r }}:{{ join "|" $r | quote }}
{{ $r := regexFindAll `\.` `1é a_` 2 }}{{ len $r }}:{{ join "|" $r | quote }}
{{ $r := regexFindAll `[^\s]*` `a11a` -1 }}{{ len $r }}:{{ join "|" $r | quote }}
{{ $r := regexFindAll `\z` `é1
  x_éxb` -1 }}{{ len $r }}:{{ join "|" $r | quote }}
{{ $r := regexFindAll `x` `bé1é -aé` -1 }}{{ len $r }}:{{ join "|" $r | quote }}
{{ $r := regexFindAll `\Qa.\E{1,2}[\d-].` `a_` 1 }}{{ len $r }}:{{ join "|" $r | quote }}
{{ $r := regexFindAll `(?:ab)\B{1,2}` `éa
aaab` 1 }}{{ len $r }}:{{ join "|" $r | quote }}
{{ $r := regexFindAll `[[:alpha:]]\Qa.\E?\Qa.\E` `bbx-1
bé` 2 }}{{ len $r }}:{{ join "|" $r | quote }}
{{ $r := regexFindAll `\w{1,2}` `x
1xbb` 1 }}{{ len $r }}:{{ join "|" $r | quote }}
{{ $r := regexFindAll `(?i:é)*` `éx` 1 }}{{ len $r }}:{{ join "|" $r | quote }}
{{ $r := regexFindAll `\.\d(?i:é)?` `__ba é` 1 }}{{ len $r }}:{{ join "|" $r | quote }}
{{ $r := regexFindAll `\w?` `b1 bb éb
1` -1 }}{{ len $r }}:{{ join "|" $r | quote }}
{{ $r := regexFindAll `\x61*\x61` `a_` 1 }}{{ len $r }}:{{ join "|" $r | quote }}
{{ $r := regexFindAll `\d*` `aba_éa_xé-` -1 }}{{ len $r }}:{{ join "|" $r | quote }}
{{ $r := regexFindAll `(?i)A{1,2}` `` 1 }}{{ len $r }}:{{ join "|" $r | quote }}
{{ $r := regexFindAll `(a|b)\x61{1,2}.` `- ` 1 }}{{ len $r }}:{{ join "|" $r | quote }}
{{ $r := regexFindAll `\S?(?i)A` `é-` 1 }}{{ len $r }}:{{ join "|" $r | quote }}
{{ $r := regexFindAll `$*\B+` `_ 
` 2 }}{{ len $r }}:{{ join "|" $r | quote }}
{{ $r := regexFindAll `(a|b)\x61+` `ééb1é
__` 1 }}{{ len $r }}:{{ join "|" $r | quote }}
{{ $r := regexFindAll `$` `aa1aé_-b` 1 }}{{ len $r }}:{{ join "|" $r | quote }}
{{ $r := regexFindAll `[a-]?[^a]{1,2}` `ba-1-` -1 }}{{ len $r }}:{{ join "|" $r | quote }}
{{ $r := regexFindAll `\W+[é-ê]` `aé


` -1 }}{{ len $r }}:{{ join "|" $r | quote }}
{{ $r := regexFindAll `\x61*b?` `éa` -1 }}{{ len $r }}:{{ join "|" $r | quote }}
{{ $r := regexFindAll `b?b` `
b1aé_
_é` -1 }}{{ len $r }}:{{ join "|" $r | quote }}
{{ $r := regexFindAll `\pN` `aé1b` -1 }}{{ len $r }}:{{ join "|" $r | quote }}
{{ $r := regexFindAll `(?:ab){1,2}` `xébx` 1 }}{{ len $r }}:{{ join "|" $r | quote }}
{{ $r := regexFindAll `a*` `` -1 }}{{ len $r }}:{{ join "|" $r | quote }}
{{ $r := regexFindAll `[a-]?b` `é-é-éb--éa` 1 }}{{ len $r }}:{{ join "|" $r | quote }}
{{ $r := regexFindAll `\pN{1,2}[é-ê]` `é
é  _1-1 ` 2 }}{{ len $r }}:{{ join "|" $r | quote }}
{{ $r := regexFindAll `\d?` `b  
éé1bé ` 2 }}{{ len $r }}:{{ join "|" $r | quote }}
{{ $r := regexFindAll `\Qa.\E(?P<n>a)+[a-]+` `aé
é1` 1 }}{{ len $r }}:{{ join "|" $r | quote }}
{{ $r := regexFindAll `[[:alpha:]]+a\pN*` `abé_
_ 
` 1 }}{{ len $r }}:{{ join "|" $r | quote }}
{{ $r := regexFindAll `(?:ab){1,2}` `aébaa` -1 }}{{ len $r }}:{{ join "|" $r | quote }}
{{ $r := regexFindAll `\x61(|a)` `a` 2 }}{{ len $r }}:{{ join "|" $r | quote }}
{{ $r := regexFindAll `é?\S+[[:alpha:]]*` `é` 1 }}{{ len $r }}:{{ join "|" $r | quote }}
{{ $r := regexFindAll `(?P<n>a)[^a]{1,2}\.` `éé` 1 }}{{ len $r }}:{{ join "|" $r | quote }}
{{ $r := regexFindAll `[[:alpha:]]+.*` `b 
xéb__` 1 }}{{ len $r }}:{{ join "|" $r | quote }}
{{ $r := regexFindAll `.+^` `` 2 }}{{ len $r }}:{{ join "|" $r | quote }}
{{ $r := regexFindAll `^+\pN*\pN?` `1é` 1 }}{{ len $r }}:{{ join "|" $r | quote }}
{{ $r := regexFindAll `(a|b)\B` `_a 
b a1é1` 2 }}{{ len $r }}:{{ join "|" $r | quote }}
{{ $r := regexFindAll `^?\w\s` `_bb éb
é_1` -1 }}{{ len $r }}:{{ join "|" $r | quote }}
{{ $r := regexFindAll `\x61+` `` 2 }}{{ len $r }}:{{ join "|" $r | quote }}
{{ $r := regexFindAll `(|a)?\Qa.\E(?:ab)*` `a
béébé` -1 }}{{ len $r }}:{{ join "|" $r | quote }}
{{ $r := regexFindAll `\b(?m)^{1,2}[[:alpha:]]*` `1ééé-_` 2 }}{{ len $r }}:{{ join "|" $r | quote }}
{{ $r := regexFindAll `(?i)A\x61[\d-]` `éxéé` 2 }}{{ len $r }}:{{ join "|" $r | quote }}
{{ $r := regexFindAll `\pL{1,2}` `
a-aaé b
é` -1 }}{{ len $r }}:{{ join "|" $r | quote }}
{{ $r := regexFindAll `(|a)[a-]{1,2}` `ééx` -1 }}{{ len $r }}:{{ join "|" $r | quote }}
{{ $r := regexFindAll `é*[a-]{1,2}(a|b)?` `bb-b` 2 }}{{ len $r }}:{{ join "|" $r | quote }}
{{ $r := regexFindAll `[^a]?x*\pL?` `éé1aéa` -1 }}{{ len $r }}:{{ join "|" $r | quote }}
{{ $r := regexFindAll `[^\s]+(a|b)?\s*` `béé` -1 }}{{ len $r }}:{{ join "|" $r | quote }}
{{ $r := regexFindAll `[\pL\d]+` `a
` 1 }}{{ len $r }}:{{ join "|" $r | quote }}

{{ regexSplit `\W{1,2}(?m)^` `x--_éé_` 3 | toJson }}
{{ regexSplit `[a-c]` `aaa

_-éaé` -1 | toJson }}
{{ regexSplit `é(?P<n>a)+` `aaxbé` 1 | toJson }}
{{ regexSplit `\.?\W(?i)A` `a1 b11é ` 1 | toJson }}
{{ regexSplit `[a-c](?P<n>a)?` ` ba_ 
é` 1 | toJson }}
{{ regexSplit `\pL+` ` _ax_111` 1 | toJson }}
{{ regexSplit `\b\s` `ax1é_b

x` 1 | toJson }}
{{ regexSplit `\.{1,2}é{1,2}\B` `abé ` -1 | toJson }}
{{ regexSplit `[é-ê]` `` 1 | toJson }}
{{ regexSplit `[a-c]` `aéax ` 1 | toJson }}
{{ regexSplit `[^a]*` `a-aéa b-` 3 | toJson }}
{{ regexSplit `\.` ` ` 2 | toJson }}
{{ regexSplit `(|a)?\B+` `b

-xxé1` 1 | toJson }}
{{ regexSplit `(?i)A` ` 1xéa` 2 | toJson }}
{{ regexSplit `\W?é{1,2}[[:alpha:]]` `xaab` 1 | toJson }}
{{ regexSplit `é{1,2}^*` `xa ` -1 | toJson }}
{{ regexSplit `.?(?m)^*` `-1é
-x

` 2 | toJson }}
{{ regexSplit `(?P<n>a){1,2}\pN{1,2}` `` 1 | toJson }}
{{ regexSplit `\B?` `éaééxé1 é` -1 | toJson }}
{{ regexSplit `\.*` `-b  -b` 2 | toJson }}
{{ regexSplit `\pL+(?s).*[\d-]?` `` 2 | toJson }}
{{ regexSplit `(?:ab)[\d-]+$` `1` 2 | toJson }}
{{ regexSplit `\Qa.\E*` `é` 2 | toJson }}
{{ regexSplit `[[:alpha:]]b` `é1--` 3 | toJson }}
{{ regexSplit `\d*` `1` 1 | toJson }}
{{ regexSplit `\x61[a-c]` `bé-
_` 2 | toJson }}
{{ regexSplit `\s+` `-
ba é` 3 | toJson }}
{{ regexSplit `\A*é[[:alpha:]]` `é_bé
é` 3 | toJson }}
{{ regexSplit `\A*[\pL\d]?[^\s]*` `éb11ééé_-é` 2 | toJson }}
{{ regexSplit `\S` `éaa b1xa` 1 | toJson }}
{{ regexSplit `[\pL\d]?` `x-éxéé` -1 | toJson }}
{{ regexSplit `\b+` `ba
é_-
1é` -1 | toJson }}
{{ regexSplit `x?b` `1-b-a 
a` -1 | toJson }}
{{ regexSplit `\z*` `é-b
 xaa` -1 | toJson }}
{{ regexSplit `(?m)^` `_xabbaé1_` 2 | toJson }}
{{ regexSplit `[a-]\W` `-a-é111` 2 | toJson }}
{{ regexSplit `.\Qa.\E(a|b)+` `1aa-1a  -b` 2 | toJson }}
{{ regexSplit `é{1,2}\Qa.\E{1,2}(?s).?` ` éé b a` 2 | toJson }}
{{ regexSplit `\Qa.\E(?m)^{1,2}` `` 3 | toJson }}
{{ regexSplit `é?` `éb_` 2 | toJson }}
{{ regexSplit `(?i:é)+[a-]*` `-` 1 | toJson }}
{{ regexSplit `(?i)A?x+` `bx` -1 | toJson }}
{{ regexSplit `[\d-]é(?i:é)+` `éééaa1
b` -1 | toJson }}
{{ regexSplit `(?i:é)` `éé-` 2 | toJson }}
{{ regexSplit `[\pL\d]{1,2}\b?b+` ` éxb_a1x_` 1 | toJson }}
{{ regexSplit `[^a]+x?` `éé-
` -1 | toJson }}
{{ regexSplit `[a-c]\A+[é-ê]` `a` 3 | toJson }}
{{ regexSplit `\pL+` `b` 2 | toJson }}
{{ regexSplit `\W` `- b-` 3 | toJson }}
{{ regexSplit `(a|b)[a-c]+[\pL\d]` `_ébéaéa
_1` 2 | toJson }}
{{ regexSplit `\pN\z{1,2}` `xba-a` 2 | toJson }}
{{ regexSplit `\A` `1a-a-é
` 2 | toJson }}
{{ regexSplit `[\pL\d]*[é-ê]` `_éé é` 1 | toJson }}
{{ regexSplit `[a-c](?:ab)b+` `axa
1 bé_a` 2 | toJson }}
{{ regexSplit `\pL?\w+` `` 2 | toJson }}
{{ regexSplit `[\d-]` `_aééé-b
a` 2 | toJson }}
{{ regexSplit `\x61{1,2}a\W*` `éa` -1 | toJson }}
{{ regexSplit `a*[é-ê]` `bbé11-xb` -1 | toJson }}
{{ regexSplit `.[^\s]{1,2}` `
b-
` 1 | toJson }}
{{ regexSplit `\b*[^\s]*` ` ` -1 | toJson }}
{{ regexSplit `$?\pL*[\d-]{1,2}` `_b-ba1 ` -1 | toJson }}
{{ regexSplit `[^a]?.+` `- bb
 éba
` 2 | toJson }}
{{ regexSplit `x+$` ` aab` 3 | toJson }}
{{ regexSplit `(a|b)[[:alpha:]]+$?` `é é

 bé ` 2 | toJson }}
{{ regexSplit `\pL{1,2}\W+[^a]` `1a_` -1 | toJson }}
{{ regexSplit `.*\Qa.\E(?m)^+` `xé
x
b-


` 2 | toJson }}
{{ regexSplit `(|a)(?m)^+` `1a` -1 | toJson }}
{{ regexSplit `(?P<n>a)*` `a bx1 éééé` 2 | toJson }}
{{ regexSplit `${1,2}[\d-]*^?` `1éb
xa xb` 2 | toJson }}
{{ regexSplit `x{1,2}(a|b){1,2}^+` `é_1b -11` -1 | toJson }}
{{ regexSplit `(?i:é)+` `bé1_1ba` -1 | toJson }}
{{ regexSplit `(?i)A[^\s]?` ` _
xééé` 1 | toJson }}
{{ regexSplit `\A*` `bx
a` -1 | toJson }}
{{ regexSplit `[^\s]?é+a+` `b_x -x
` -1 | toJson }}
{{ regexSplit `x?\b{1,2}` `
` -1 | toJson }}
{{ regexSplit `[é-ê]?(|a)*\w?` `bba` 1 | toJson }}
{{ regexSplit `\A*\B+` `éa` 2 | toJson }}
{{ regexSplit `\x61?\Qa.\E{1,2}` `xb` -1 | toJson }}
{{ regexSplit `^?[^\s]\x61{1,2}` `
baxaa_` 2 | toJson }}
{{ regexSplit `[a-]?` `- x_éxx-` 2 | toJson }}

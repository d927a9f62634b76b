{{ regexReplaceAll `b+a(?i:é)` `--bbaéx1b` `$2` | quote }}
{{ regexReplaceAll `\b\d` `x__1xé` `${n}` | quote }}
{{ regexReplaceAll `b*` `a a` `[$$]` | quote }}
{{ regexReplaceAll `\.a${1,2}` `x xé` `${n}` | quote }}
{{ regexReplaceAll `(?P<n>a)+\z` `éé1 1` `-` | quote }}
{{ regexReplaceAll `a?` `xb
é-ab_1b` `${1}` | quote }}
{{ regexReplaceAll `\S+[a-c]*\W{1,2}` `` `$n` | quote }}
{{ regexReplaceAll `(?i)A+\x61` ` ` `${1}` | quote }}
{{ regexReplaceAll `(?P<n>a)+` `éaa xa` `$2` | quote }}
{{ regexReplaceAll `\b?` `
a
ééééb` `$1x` | quote }}
{{ regexReplaceAll `\Qa.\E?(?m)^` `b
bbb
xxa` `$` | quote }}
{{ regexReplaceAll `[[:alpha:]]{1,2}.` `a--b1ébéé
` `<$0>` | quote }}
{{ regexReplaceAll `(?P<n>a)?` ` 
xéaé` `<$0>` | quote }}
{{ regexReplaceAll `(?:ab)^{1,2}` `é
éb` `` | quote }}
{{ regexReplaceAll `\A${1,2}\A?` `bxx` `<$0>` | quote }}
{{ regexReplaceAll `\B+x*(?m)^` `bbé` `[$$]` | quote }}
{{ regexReplaceAll `x\W+(?s).{1,2}` `1é-b1

-_ ` `$n` | quote }}
{{ regexReplaceAll `(?m)^?` `é` `[$$]` | quote }}
{{ regexReplaceAll `^?(?i)A*\x61?` `x1-1bé` `$1x` | quote }}
{{ regexReplaceAll `$b{1,2}` `
b
` `${n}` | quote }}
{{ regexReplaceAll `^` `xé
éb` `$` | quote }}
{{ regexReplaceAll `é{1,2}é` `xaé1-_é-xb` `[$$]` | quote }}
{{ regexReplaceAll `(|a)*` `ébabab
 --` `${n}` | quote }}
{{ regexReplaceAll `(?m)^+^*` `1aéaé` `[$$]` | quote }}
{{ regexReplaceAll `\pN\.*` `b` `[$$]` | quote }}
{{ regexReplaceAll `\A+[^a]\pL{1,2}` `abaa1a -

` `$2` | quote }}
{{ regexReplaceAll `\A*` `1b
 bbé ` `[$$]` | quote }}
{{ regexReplaceAll `(?i:é)+[^a]{1,2}\.` ` bxa-x` `$1x` | quote }}
{{ regexReplaceAll `^*(?m)^[\pL\d]+` `bé1éxaéx1` `$1x` | quote }}
{{ regexReplaceAll `b+(|a){1,2}[a-]?` `xbx` `-` | quote }}
{{ regexReplaceAll `\W\pN\A{1,2}` `b1_éba` `$2` | quote }}
{{ regexReplaceAll `x\W` `` `$` | quote }}
{{ regexReplaceAll `[^\s]{1,2}` `b a_

b` `${n}` | quote }}
{{ regexReplaceAll `[a-c]` `b1aaé-` `$n` | quote }}
{{ regexReplaceAll `(a|b)\w` `1_ -b-xé` `${n}` | quote }}
{{ regexReplaceAll `(?m)^?b?^` `b` `-` | quote }}
{{ regexReplaceAll `\x61?[a-]*` `` `$` | quote }}
{{ regexReplaceAll `\W` `1 é  -bb` `$1x` | quote }}
{{ regexReplaceAll `é(?s).+^+` `b
 b b1ab` `${n}` | quote }}
{{ regexReplaceAll `[^a][\d-]` `é x a1aé` `${1}` | quote }}
{{ regexReplaceAll `[^\s](?s).{1,2}(a|b){1,2}` `aaab-é` `$2` | quote }}
{{ regexReplaceAll `[a-c]+[é-ê]*` `_1_a1` `$n` | quote }}
{{ regexReplaceAll `x?(|a)+` `
éé1bb-` `<$0>` | quote }}
{{ regexReplaceAll `(?m)^+\w*(?i)A` `b ébaba
` `-` | quote }}
{{ regexReplaceAll `é{1,2}` `a1` `<$0>` | quote }}
{{ regexReplaceAll `(a|b)*` `
é bx` `[$$]` | quote }}
{{ regexReplaceAll `\A+[^\s]\s*` `é--` `$1x` | quote }}
{{ regexReplaceAll `é` `éx xb` `[$$]` | quote }}
{{ regexReplaceAll `(?P<n>a)[\pL\d]?` `1-abab` `${1}` | quote }}
{{ regexReplaceAll `\Bé{1,2}` `-b1
ba` `[$$]` | quote }}
{{ regexReplaceAll `[[:alpha:]]\Qa.\E{1,2}\Qa.\E*` `
_é -` `${1}` | quote }}
{{ regexReplaceAll `(?m)^+\B?` `aé

x` `<$0>` | quote }}
{{ regexReplaceAll `\Qa.\E?[é-ê]*\z{1,2}` `-
-béx` `[$$]` | quote }}
{{ regexReplaceAll `é?\S*(?:ab)+` `-a_
 ` `-` | quote }}
{{ regexReplaceAll `(?m)^?[^a]x?` `b1é_
_éb1` `${1}` | quote }}
{{ regexReplaceAll `\s` `éxbéb` `$1x` | quote }}
{{ regexReplaceAll `\x61{1,2}\S*` `é éa
` `$2` | quote }}
{{ regexReplaceAll `[^a]+[a-]+` `aa1
 ééaé` `` | quote }}
{{ regexReplaceAll `(?i)A(?P<n>a)+a{1,2}` `1éax` `$` | quote }}
{{ regexReplaceAll `(?:ab)?` `-a__b
x
` `-` | quote }}
{{ regexReplaceAll `\.*[é-ê]` `` `$1x` | quote }}
{{ regexReplaceAll `(a|b){1,2}` `- é
b
` `$` | quote }}
{{ regexReplaceAll `\.*` `a--1` `$` | quote }}
{{ regexReplaceAll `[a-]*` `éé` `$1x` | quote }}
{{ regexReplaceAll `^[\d-]+b{1,2}` `ax-_a` `$` | quote }}
{{ regexReplaceAll `\B*[é-ê](?P<n>a)` `1éb-b` `$2` | quote }}
{{ regexReplaceAll `\déb` `x-b1baxa` `<$0>` | quote }}
{{ regexReplaceAll `\A{1,2}` `bb1éab x
` `${n}` | quote }}
{{ regexReplaceAll `[\d-]{1,2}` `b` `-` | quote }}
{{ regexReplaceAll `\b+é*` ` bb1` `${1}` | quote }}
{{ regexReplaceAll `[é-ê]{1,2}[a-c]` `
é_1a



` `-` | quote }}
{{ regexReplaceAll `[\pL\d]*` `1-b` `$1x` | quote }}
{{ regexReplaceAll `(?i)A{1,2}é(?:ab)` `_` `<$0>` | quote }}
{{ regexReplaceAll `^*\x61+` `a-é_11` `$n` | quote }}
{{ regexReplaceAll `b` `éaxba1x-` `$` | quote }}
{{ regexReplaceAll `[[:alpha:]]?[a-c]\.*` `1ba
aé` `$1x` | quote }}
{{ regexReplaceAll `\b*` `` `$2` | quote }}
{{ regexReplaceAll `(?:ab)(?s).{1,2}\S` `ba
1ab-bbb` `` | quote }}
{{ regexReplaceAll `(?P<n>a)+\W*` `b_1` `[$$]` | quote }}
{{ regexReplaceAll `[a-c]+(|a){1,2}\s+` `abé` `${1}` | quote }}

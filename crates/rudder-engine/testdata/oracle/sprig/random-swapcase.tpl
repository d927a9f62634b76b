{{ swapcase `/Σ本b` | quote }}
{{ swapcase ` 	` | quote }}
{{ swapcase `ba_/ǅı` | quote }}
{{ swapcase `c0!σc` | quote }}
{{ swapcase `!١	b 0ıσ0İZ0` | quote }}
{{ swapcase `	日	ccaǆa //` | quote }}
{{ swapcase `!cc/ß-σZ` | quote }}
{{ swapcase `0/ΣébΣbcY!` | quote }}
{{ swapcase `ǆX` | quote }}
{{ swapcase `/-/-σ9YÉÉXÉß` | quote }}
{{ swapcase `cǅaZb本9éß` | quote }}
{{ swapcase `本 É_本Y` | quote }}
{{ swapcase `_é?1ǅ?Z:` | quote }}
{{ swapcase `ÉéaÉéÉ09Éσ` | quote }}
{{ swapcase `日ǅΣ?-Z Z-` | quote }}
{{ swapcase `ı-Σ0` | quote }}
{{ swapcase `:ǅ 9_ıσZ` | quote }}
{{ swapcase `Xı1١ǆ` | quote }}
{{ swapcase `ßİ0Z?` | quote }}
{{ swapcase ` ` | quote }}
{{ swapcase `` | quote }}
{{ swapcase `abıaǆßσé` | quote }}
{{ swapcase `1	` | quote }}
{{ swapcase `_ß.` | quote }}
{{ swapcase `1ß?日! ` | quote }}
{{ swapcase `c-١bXZb!` | quote }}
{{ swapcase `` | quote }}
{{ swapcase `Z!σ日bé` | quote }}
{{ swapcase `_-/` | quote }}
{{ swapcase `ǆσYa_` | quote }}
{{ swapcase `X本.É0` | quote }}
{{ swapcase `_	É!é日c` | quote }}
{{ swapcase `Zc?./0` | quote }}
{{ swapcase `ac XYY??日_本ǆ` | quote }}
{{ swapcase `-.σ ǆ١` | quote }}
{{ swapcase `ǆ	日X١	` | quote }}
{{ swapcase `ǆ./İc` | quote }}
{{ swapcase `:!Σ_ǆ1ÉıǅZ	` | quote }}
{{ swapcase ` X-éb/` | quote }}
{{ swapcase `ßİσσ1ǅZ本:1ǆ/` | quote }}
{{ swapcase `	!?!é` | quote }}
{{ swapcase `X:ıaİΣ!本_:` | quote }}
{{ swapcase `日90Y-_Y9éΣÉ` | quote }}
{{ swapcase `:本ǅ١Y:	.日:` | quote }}
{{ swapcase `ǅ/İ本١` | quote }}
{{ swapcase `` | quote }}
{{ swapcase `١σ!9ÉǅΣZǆßé` | quote }}
{{ swapcase `ıa` | quote }}
{{ swapcase `σıÉ Yba` | quote }}
{{ swapcase `本-Y` | quote }}
{{ swapcase `İ-İ?É` | quote }}
{{ swapcase `9١b` | quote }}
{{ swapcase `cb?X日日ß11:` | quote }}
{{ swapcase `écéǅZZ0aı0/١` | quote }}
{{ swapcase `1a/` | quote }}
{{ swapcase `-_9É.ÉY` | quote }}
{{ swapcase `本		-σßΣXǅ99` | quote }}
{{ swapcase `b` | quote }}
{{ swapcase `ǆΣbǆ本` | quote }}
{{ swapcase `c0Σ1b:` | quote }}

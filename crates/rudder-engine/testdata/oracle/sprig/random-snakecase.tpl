{{ snakecase ` X日` | quote }}
{{ snakecase `:Ycca.` | quote }}
{{ snakecase `	 ١本b1/é` | quote }}
{{ snakecase `9本ZİX` | quote }}
{{ snakecase `0	aİ` | quote }}
{{ snakecase `١9١90Z  ßı` | quote }}
{{ snakecase `ııǆ_cıǅ-σ./` | quote }}
{{ snakecase `Z1:` | quote }}
{{ snakecase `c	İı` | quote }}
{{ snakecase `İ a	 ÉΣǆ` | quote }}
{{ snakecase `ı本/0` | quote }}
{{ snakecase `!ǅ !?Z` | quote }}
{{ snakecase ` 9İ` | quote }}
{{ snakecase `bcb?ß9/éß:Σ-` | quote }}
{{ snakecase `σ0` | quote }}
{{ snakecase `!` | quote }}
{{ snakecase `ßß?` | quote }}
{{ snakecase `Z_!日` | quote }}
{{ snakecase `-ßé0ǆ-Xİb` | quote }}
{{ snakecase `19本Éǅı1X-	Z` | quote }}
{{ snakecase `?ab_` | quote }}
{{ snakecase `cǆ 日σ-a- -Y` | quote }}
{{ snakecase `ß!ııǅσİc ǅ0ǆ` | quote }}
{{ snakecase ` Y9.ǅZ-` | quote }}
{{ snakecase `a_b?Z_١١_` | quote }}
{{ snakecase `ÉX?0` | quote }}
{{ snakecase `	0Xbbb` | quote }}
{{ snakecase `ZǅσYǅbé:É1-` | quote }}
{{ snakecase `` | quote }}
{{ snakecase `İ` | quote }}
{{ snakecase ` 本!ß0:01` | quote }}
{{ snakecase `!:b1!?1` | quote }}
{{ snakecase `ǆ!İ0:0bb99` | quote }}
{{ snakecase `/0本` | quote }}
{{ snakecase `!ı9` | quote }}
{{ snakecase `-b` | quote }}
{{ snakecase `ÉXÉ.ǆ` | quote }}
{{ snakecase `ßı١Σ日b:.c!` | quote }}
{{ snakecase `	ıÉ` | quote }}
{{ snakecase `- ` | quote }}
{{ snakecase `:١ǆß-İ!/0ß` | quote }}
{{ snakecase `σ١9-	.:cı9ßσ` | quote }}
{{ snakecase `b.ǆ` | quote }}
{{ snakecase `Y本9σıbıZΣ` | quote }}
{{ snakecase `?É:日.	.0١a` | quote }}
{{ snakecase `	Za` | quote }}
{{ snakecase `ǆ9X.١本١.ǆ` | quote }}
{{ snakecase `ébǆ` | quote }}
{{ snakecase `Zσǅ` | quote }}
{{ snakecase `İǆé本١` | quote }}
{{ snakecase `	/?acbΣ` | quote }}
{{ snakecase `X:éı9ǅ本Yb` | quote }}
{{ snakecase `c本ǆ/ǆ` | quote }}
{{ snakecase `` | quote }}
{{ snakecase `İ_İc` | quote }}
{{ snakecase `é` | quote }}
{{ snakecase `.0١ .1本` | quote }}
{{ snakecase `ı.XcX	ǅ` | quote }}
{{ snakecase `ǆ_/!!ıΣ本?cßǆ` | quote }}
{{ snakecase `ß 	` | quote }}

{{ wrap 1 `W.1b/?XW0?0,_1_!W-2b` | quote }}
{{ wrap 2 `2:da1aWYacWa-?2!XZ` | quote }}
{{ wrap 0 `.c!cWc!9.dWa !abY_Z` | quote }}
{{ wrap 6 `/2Z,.Z?_d:_d?bcd?_:_WW_1X9` | quote }}
{{ wrap 1 `` | quote }}
{{ wrap -1 `` | quote }}
{{ wrap 5 `dW_?b2caZW_c` | quote }}
{{ wrap 8 `c_b 9_?!--ZX_c.Y_!d` | quote }}
{{ wrap 5 `11?1.?_ab,-/d.X?,-2YdY:` | quote }}
{{ wrap 5 `W12a b9X-a` | quote }}
{{ wrap 7 `9:.:!!2.:c?-:W0b/0,0` | quote }}
{{ wrap 5 `/X/0:a21b/bc0X1Z 9_XYdbYb1YX` | quote }}
{{ wrap 6 `,_Zd?/2,2YWd_,` | quote }}
{{ wrap 2 `.:?2X10! d,Y?` | quote }}
{{ wrap 8 `_` | quote }}
{{ wrap 1 `Zc::0.1.` | quote }}
{{ wrap 4 `/db, :ba?/2 ?ac9bbY?_a9Y` | quote }}
{{ wrap -1 `Z0/Zb.:bc2-bW_22d.Xa,.1.X /cYa` | quote }}
{{ wrap 7 `0_d!Z/,d,./ .` | quote }}
{{ wrap 1 `1YY,d-,.c9` | quote }}
{{ wrap 2 `_1` | quote }}
{{ wrap 2 `?a _YYW ,cd` | quote }}
{{ wrap 4 `a01` | quote }}
{{ wrap 0 `W?.Z/:00,Z10/ 9-_0_:/bX2ZY2d?W` | quote }}
{{ wrap 1 ` Yb!22a/ ,:d/!_0cb,!W_-:-` | quote }}
{{ wrap -1 `Z1XWY2_b,2b11,2 /X ` | quote }}
{{ wrap 6 `0 20aWd1b.1` | quote }}
{{ wrap 7 `a02ad .Xa1` | quote }}
{{ wrap 5 `-Z02-//Yd.9Zc0Z_WaZ9W -!` | quote }}
{{ wrap 2 `-Y/c.-?c_.9 Ya ::/2X ?b,-` | quote }}
{{ wrap 7 `1!W?2d1X9./0a_YX_!_:d2d` | quote }}
{{ wrap 6 `b!09012/!ZW!W:?-Z0cbZZ9YXW9,db` | quote }}
{{ wrap 0 `W!` | quote }}
{{ wrap 1 `dYcWd9:,1b??b` | quote }}
{{ wrap 8 `:-Y,Y/2XYY:?1WXdW!Y  d,-` | quote }}
{{ wrap -1 `Y0/ 1:c9WZ9-/:9` | quote }}
{{ wrap 5 `X` | quote }}
{{ wrap 1 `0?1/-Z1` | quote }}
{{ wrap 6 `dY!?Y.dZ1,1` | quote }}
{{ wrap 4 `?ab,?0W0_` | quote }}
{{ wrap 6 `0bW//dZY:1dYa?.,Z1b:99Y` | quote }}
{{ wrap 7 `c2` | quote }}
{{ wrap 3 `0d dY!1Wd2Y,-Xd2.22X9!./Y,c1` | quote }}
{{ wrap 2 ` aZ?Z92X0_b1d_d-` | quote }}
{{ wrap 3 `!?!X1_./_29ac1b??` | quote }}
{{ wrap 1 `.dc2Y1aW.a?W` | quote }}
{{ wrap 6 `` | quote }}
{{ wrap 5 `!Y1?.b:9:0b9d-.1!0:W9:` | quote }}
{{ wrap -1 `X1 02/` | quote }}
{{ wrap 2 `Y--c0:9d--Z-20` | quote }}
{{ wrap 1 `ab _:.dX:90?` | quote }}
{{ wrap 6 `YZ!_,aa.YZ9/Z!dW,?91cX.d.-d!!Z` | quote }}
{{ wrap 1 `2Y0!?,Ya c0XXW2/aXZ-Y,` | quote }}
{{ wrap 5 `-W?Z?Wc9,X-.-_0X!d0-?191c_/:` | quote }}
{{ wrap 5 `9:d92Z:?_/a` | quote }}
{{ wrap 5 `20Y -ZaZ12Za0 a!:,0/2- b..Z` | quote }}
{{ wrap 1 `/1dXZa.c.9?X_20cc:bd?:` | quote }}
{{ wrap 1 `,:/.::-_,0Y2.!?` | quote }}
{{ wrap 6 `19dd?ZZ2cZ9bZc?b0` | quote }}
{{ wrap 2 `._: X1` | quote }}

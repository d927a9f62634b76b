{{ abbrevboth 10 6 `c/ bbYYZ` | quote }}
{{ abbrevboth 4 12 `!d229Z9_ /` | quote }}
{{ abbrevboth 19 2 `?bY 1,1:` | quote }}
{{ abbrevboth 5 -1 `?,X-//Yd?.a 1Z9:?` | quote }}
{{ abbrevboth 7 1 `da-` | quote }}
{{ abbrevboth 12 6 `-XZ-0` | quote }}
{{ abbrevboth 14 15 `/d2:0ZadaW` | quote }}
{{ abbrevboth 4 4 `1YY0,29:__d-,11_d,` | quote }}
{{ abbrevboth 11 0 `.2-0aa X-0./` | quote }}
{{ abbrevboth 7 6 `c 0/:_d` | quote }}
{{ abbrevboth -3 10 `?d1 d?d2` | quote }}
{{ abbrevboth 11 7 `2X?a d 1W2ad1` | quote }}
{{ abbrevboth 4 -1 `Xd91bb_XX?` | quote }}
{{ abbrevboth -1 14 ` -,YZ91,/1?c9d` | quote }}
{{ abbrevboth 8 11 `a. Xc?` | quote }}
{{ abbrevboth 16 -1 `W2c,._?.` | quote }}
{{ abbrevboth -3 15 `X:W99d?W!b,` | quote }}
{{ abbrevboth 7 4 `WYY!: c,-,` | quote }}
{{ abbrevboth 11 11 `0Y1Y?,.d1` | quote }}
{{ abbrevboth 1 3 `2:a2/a` | quote }}
{{ abbrevboth 17 2 `W_00,aX-,,a,,/_ZdZ _!b` | quote }}
{{ abbrevboth 14 3 `-Z?XYX20db,-c,/,` | quote }}
{{ abbrevboth 13 6 `Xc- c0-W` | quote }}
{{ abbrevboth 12 1 `Y/X0 X:- 0?Y  Z1  Xac.Yb` | quote }}
{{ abbrevboth -3 0 `` | quote }}
{{ abbrevboth 12 15 `b/ ` | quote }}
{{ abbrevboth 17 0 `?0,b! 1d/? /dY,a!X-_Z/` | quote }}
{{ abbrevboth -1 13 `_0!1:WZ_W . /Y_0Xa/?!.c-X` | quote }}
{{ abbrevboth 4 8 `YaY_?` | quote }}
{{ abbrevboth 5 6 `bc2` | quote }}
{{ abbrevboth 6 10 `9:ba-d/?c 2` | quote }}
{{ abbrevboth -3 12 `.1X!9.-?db21b2` | quote }}
{{ abbrevboth -1 4 `Wdd20/20d:,,` | quote }}
{{ abbrevboth 19 8 `XXaY0 ,YXW9YaX___:` | quote }}
{{ abbrevboth 2 8 `_ .9-bc:,//Y0/ab-1Wa!` | quote }}
{{ abbrevboth 2 5 `!?1/b9W-.0.9?.` | quote }}
{{ abbrevboth 17 10 `Z9!Z0 ,9da, ` | quote }}
{{ abbrevboth 6 9 `b9Y_/_00/?ac` | quote }}
{{ abbrevboth 2 0 `dW?_,Z/W/,9! :b?a,.d` | quote }}
{{ abbrevboth 19 3 `ca.d:YWdb, 1/aW.b-0` | quote }}
{{ abbrevboth -1 5 `Y- Y!.` | quote }}
{{ abbrevboth 13 2 `?X1 Z,X,X00` | quote }}
{{ abbrevboth 19 15 `dY: a:/!2_92:!,` | quote }}
{{ abbrevboth 15 4 `_: :` | quote }}
{{ abbrevboth 11 12 `_ db2 b//cb?_` | quote }}
{{ abbrevboth -3 13 `,.2` | quote }}
{{ abbrevboth 1 6 `XW!/_.:1_d:c` | quote }}
{{ abbrevboth 19 12 `/` | quote }}
{{ abbrevboth 14 6 `9` | quote }}
{{ abbrevboth 3 12 `21` | quote }}
{{ abbrevboth 8 15 `,:?d20,d9a ca/WbZ0,XW` | quote }}
{{ abbrevboth 19 2 `9_.abZ9b_` | quote }}
{{ abbrevboth 6 2 `Yc,Y/21,1Wd-Zbb!a 0dX` | quote }}
{{ abbrevboth 12 14 `bbY_9.Z92/.!?aX-X..902` | quote }}
{{ abbrevboth 11 11 `__ cY/aY:?1?c, a` | quote }}
{{ abbrevboth 5 15 `.Y!9_-9/a_Yc.cb_2Z,c-` | quote }}
{{ abbrevboth 13 10 `/W-1!0d_-ba/` | quote }}
{{ abbrevboth 10 15 `2cb1!cc,2XW,1/2XZ.ba92cY` | quote }}
{{ abbrevboth 6 0 `!c` | quote }}
{{ abbrevboth 15 3 `Y/d:,!/,c!c` | quote }}
{{ abbrevboth 0 -1 `W2Zc 0.9a` | quote }}
{{ abbrevboth 0 4 `dXb1.X../b!adY:0!..-,d.` | quote }}
{{ abbrevboth 12 8 `2!/,_,0bX//b? b/9Z` | quote }}
{{ abbrevboth 10 10 `c_YY2?b2:!_ .19Wc` | quote }}
{{ abbrevboth 8 5 `212X1/2_cZXd!` | quote }}
{{ abbrevboth 18 15 `d_XXXYY!.0Z!!9?W,00:-2` | quote }}
{{ abbrevboth 6 8 `10X_d.?-,YZ?.b_.0W2/` | quote }}
{{ abbrevboth 20 1 `2_12a0_-...XY!_Z,.:. ?!0` | quote }}
{{ abbrevboth 10 0 `/Zc?/W_Z` | quote }}
{{ abbrevboth 20 13 `_ac1` | quote }}
{{ abbrevboth 9 3 `:0 -X/X09W99,d-c` | quote }}
{{ abbrevboth 9 0 `d_` | quote }}
{{ abbrevboth 3 5 `` | quote }}
{{ abbrevboth 0 -1 `X1cX` | quote }}
{{ abbrevboth 12 3 `91_W?.!bZ?02bW` | quote }}
{{ abbrevboth 19 6 `c2a-:0Y?2-X/9b:0a/a` | quote }}
{{ abbrevboth 2 2 `:W2d. ?X` | quote }}
{{ abbrevboth 9 10 `c,aa: ?.b1` | quote }}
{{ abbrevboth -2 1 `,-!.a-/` | quote }}
{{ abbrevboth 9 8 ` da9!-19W ,0,!,?` | quote }}

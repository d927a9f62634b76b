{{ clean `Wd/.:Y` | quote }}
{{ clean `/.XY?Xa` | quote }}
{{ clean `Y.//! b0/` | quote }}
{{ clean ` 1?9` | quote }}
{{ clean `` | quote }}
{{ clean `://!bb,Wc` | quote }}
{{ clean `.X` | quote }}
{{ clean `W:,,_/` | quote }}
{{ clean `_,b,._` | quote }}
{{ clean `0` | quote }}
{{ clean `` | quote }}
{{ clean `:/:` | quote }}
{{ clean `1c:.9.Yb:.Y` | quote }}
{{ clean `_.Z` | quote }}
{{ clean ` Y./Z_` | quote }}
{{ clean `_9:-Z/12c2` | quote }}
{{ clean `X//b..` | quote }}
{{ clean `/Z/aX.9..:c!` | quote }}
{{ clean `:ab-Xd,.2XW` | quote }}
{{ clean `,.,_/` | quote }}
{{ clean `dX?,` | quote }}
{{ clean `0` | quote }}
{{ clean `-?1/` | quote }}
{{ clean `b` | quote }}
{{ clean `` | quote }}
{{ clean `b` | quote }}
{{ clean `0:Y` | quote }}
{{ clean `cda/.?` | quote }}
{{ clean `` | quote }}
{{ clean `-/` | quote }}
{{ clean `b c` | quote }}
{{ clean ` ./Y` | quote }}
{{ clean `.:.` | quote }}
{{ clean `Z.db:,//` | quote }}
{{ clean `!Z2-` | quote }}
{{ clean `c` | quote }}
{{ clean `aX./0?:/0Z1?` | quote }}
{{ clean `ddZ:./W` | quote }}
{{ clean `_-bcX/!1.9` | quote }}
{{ clean `_` | quote }}
{{ clean `a21` | quote }}
{{ clean `_2/YW./W.2b?` | quote }}
{{ clean ` .bW` | quote }}
{{ clean `a,` | quote }}
{{ clean `.1Y0,W!2` | quote }}
{{ clean `/9/2.YZab1` | quote }}
{{ clean `X/` | quote }}
{{ clean `.1.9.` | quote }}
{{ clean `1--//.b!./c` | quote }}
{{ clean `?../Xcd02_` | quote }}
{{ clean `0Y.` | quote }}
{{ clean `Y..` | quote }}
{{ clean `?://,9,` | quote }}
{{ clean `,-.9a` | quote }}
{{ clean `2` | quote }}
{{ clean `1.Z-..-.` | quote }}
{{ clean `.X!.?Z,!_1a` | quote }}
{{ clean `b.0Z2.` | quote }}
{{ clean `,/-::XW.a` | quote }}
{{ clean `?01:22.` | quote }}

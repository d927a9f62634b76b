{{ title `._cı本ßΣıcıY` | quote }}
{{ title `ǆİ?Σ日!/İ.	Σ` | quote }}
{{ title `Z` | quote }}
{{ title `bZ` | quote }}
{{ title `?éı	/:ı?_É` | quote }}
{{ title `1ıß99É` | quote }}
{{ title `` | quote }}
{{ title `.ΣÉ-` | quote }}
{{ title ` ١	Σ١XZ/本0	` | quote }}
{{ title `Σ本` | quote }}
{{ title `σéYßZǅ` | quote }}
{{ title `0éǆcé日c١ ac/` | quote }}
{{ title `σXß/a99` | quote }}
{{ title `本本0` | quote }}
{{ title `١` | quote }}
{{ title `É.9/` | quote }}
{{ title `aX._` | quote }}
{{ title `١Z日:ǅǆ日-Σ` | quote }}
{{ title `0ı:1Z本Z-日b	` | quote }}
{{ title `0日é` | quote }}
{{ title `/-YǅZİ_` | quote }}
{{ title `/!İ日?_-	Σ` | quote }}
{{ title `本c١?:99YXΣσ9` | quote }}
{{ title `?ǆ	ǅ/ß:Σ?c9` | quote }}
{{ title `日éXǅ ` | quote }}
{{ title `aZ./ǆZσ.:` | quote }}
{{ title `b-` | quote }}
{{ title `ß1.` | quote }}
{{ title `Z0:Σσ? .` | quote }}
{{ title `-!0Σ` | quote }}
{{ title `b日σÉb本ǆé0日` | quote }}
{{ title `` | quote }}
{{ title `:-9本本本bY` | quote }}
{{ title `bΣ日.!` | quote }}
{{ title `_1_?_.Éa.日YY` | quote }}
{{ title `!9本ZΣ日	` | quote }}
{{ title `/__١ÉX١` | quote }}
{{ title `ZY ǅ	/σ本Yc:σ` | quote }}
{{ title `İébǆσΣ9ǅ日0本` | quote }}
{{ title `` | quote }}
{{ title `!9:Zİ	` | quote }}
{{ title `` | quote }}
{{ title `Y` | quote }}
{{ title `١İ١9é?` | quote }}
{{ title `ǆcß-9é日ǆΣǆ	?` | quote }}
{{ title `ǆa` | quote }}
{{ title `999.-` | quote }}
{{ title `` | quote }}
{{ title `ǅZ!ı9ÉX1É` | quote }}
{{ title `X` | quote }}
{{ title `ıǅ9!ǆ日X` | quote }}
{{ title `!本?/ß?` | quote }}
{{ title `ǆZσı:/Z ı` | quote }}
{{ title `ǆ9σßc` | quote }}
{{ title `σ/ǅß日ı/` | quote }}
{{ title `0 σΣΣé	١.9é` | quote }}
{{ title `本/-b-١ǅ` | quote }}
{{ title `_éıı_Y1` | quote }}
{{ title `ǅ_ǅ` | quote }}
{{ title `9` | quote }}

{{ kebabcase `!X١éZ_ı` | quote }}
{{ kebabcase `ZΣ` | quote }}
{{ kebabcase `-:` | quote }}
{{ kebabcase `9éǆaΣ` | quote }}
{{ kebabcase `aß` | quote }}
{{ kebabcase `XéX:` | quote }}
{{ kebabcase `Σǅ:/c/1!ı _1` | quote }}
{{ kebabcase `Zıßaσbǅ	-é		` | quote }}
{{ kebabcase `١	É 	ı/` | quote }}
{{ kebabcase `?ǅǅ?.Y9本ǅ_σ-` | quote }}
{{ kebabcase `!c` | quote }}
{{ kebabcase `Yσ١ǅZ ǆ_0` | quote }}
{{ kebabcase `١_σǅǆcc.ß` | quote }}
{{ kebabcase `-ß` | quote }}
{{ kebabcase `-Z ǆa` | quote }}
{{ kebabcase `a/本İc١_١İ` | quote }}
{{ kebabcase `Z` | quote }}
{{ kebabcase `É:` | quote }}
{{ kebabcase `Éc本	XZß:σǆ` | quote }}
{{ kebabcase `1ǅ١İσ ı	Σ.ǆ` | quote }}
{{ kebabcase `1ǆ:Σ1 _1日` | quote }}
{{ kebabcase `éß/?ǆ` | quote }}
{{ kebabcase `./.İ- ?!Éa9Z` | quote }}
{{ kebabcase `?Σéǅİ_..` | quote }}
{{ kebabcase `aY/c?ß	_ǅ` | quote }}
{{ kebabcase ` 	c本9:1ß	:ǆǅ` | quote }}
{{ kebabcase `cY	1c YbZ.١É` | quote }}
{{ kebabcase `ǅéΣé9a/1Z本` | quote }}
{{ kebabcase `0` | quote }}
{{ kebabcase `` | quote }}
{{ kebabcase `cX9bǆ` | quote }}
{{ kebabcase ` ǅǆßΣZ日Yß!` | quote }}
{{ kebabcase `ǆΣ` | quote }}
{{ kebabcase `cé_Σa日ǆéY/!` | quote }}
{{ kebabcase `0ı` | quote }}
{{ kebabcase `:/c.` | quote }}
{{ kebabcase `Zı` | quote }}
{{ kebabcase `/.éσ` | quote }}
{{ kebabcase `ı.-Z` | quote }}
{{ kebabcase `b!a9ǆσ` | quote }}
{{ kebabcase `` | quote }}
{{ kebabcase `١YcZ` | quote }}
{{ kebabcase `ı` | quote }}
{{ kebabcase `İa11éa:	Σ` | quote }}
{{ kebabcase `Zǆİ?日Σı	` | quote }}
{{ kebabcase `	Σ.-ıZİ/É0` | quote }}
{{ kebabcase `:` | quote }}
{{ kebabcase `ǆ	_ 	ßİǆ!` | quote }}
{{ kebabcase `日bİß09Éı١` | quote }}
{{ kebabcase `É ١ǆ:ßİ-١İ` | quote }}
{{ kebabcase `ǆ` | quote }}
{{ kebabcase `ǆ-ǆ` | quote }}
{{ kebabcase `σ` | quote }}
{{ kebabcase `bǅ-/:_	cZΣb` | quote }}
{{ kebabcase `/éİǅΣ1b` | quote }}
{{ kebabcase `σc-` | quote }}
{{ kebabcase `ǅ	YΣ X/ǆİİ/İ` | quote }}
{{ kebabcase `` | quote }}
{{ kebabcase `ı` | quote }}
{{ kebabcase `ǅ9ǅ` | quote }}

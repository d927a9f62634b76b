{{ merge (dict ) | toJson }}
{{ merge (dict ) (dict "b" "s" "c" .Values.nil "a" 2.5) | toJson }}
{{ merge (dict ) (dict "b" "s" "a" (dict ) "c" 2.5) | toJson }}
{{ merge (dict "b" "t") (dict "b" "t") (dict "b" (dict "b" "s")) | toJson }}
{{ merge (dict ) (dict "c" true) | toJson }}
{{ merge (dict "c" 0 "b" (list "x")) | toJson }}
{{ merge (dict "c" (dict "b" false "a" (dict ) "c" "t") "a" true "b" .Values.nil) (dict ) | toJson }}
{{ merge (dict ) (dict "c" 1 "b" "") | toJson }}
{{ merge (dict "b" .Values.zero) | toJson }}
{{ merge (dict "b" "t" "a" "t" "c" 1) (dict "a" 0 "b" 2.5 "c" .Values.nil) | toJson }}
{{ merge (dict "b" .Values.nil "a" (dict "c" (dict "a" true)) "c" (dict )) (dict ) | toJson }}
{{ merge (dict "a" (dict "b" (dict "a" (list))) "b" true "c" .Values.nil) | toJson }}
{{ merge (dict "b" (list 1 2) "a" .Values.nil "c" (dict )) (dict "c" 2.5 "a" "s") | toJson }}
{{ merge (dict ) | toJson }}
{{ merge (dict "a" 1) (dict "c" "t" "b" .Values.nil "a" "") | toJson }}
{{ merge (dict "c" (dict "a" true "c" (dict )) "b" (list 1 2)) (dict "b" 0) | toJson }}
{{ merge (dict ) | toJson }}
{{ merge (dict "c" .Values.nil) (dict ) (dict "a" (dict "c" (dict "b" (list 1 2) "c" "s" "a" (list 1 2)) "a" "t" "b" true) "b" .Values.nil "c" (dict )) | toJson }}
{{ merge (dict "c" "t" "b" (dict )) (dict ) | toJson }}
{{ merge (dict "a" 1) | toJson }}
{{ merge (dict "c" (list 1 2) "b" (dict "c" 2.5)) (dict "c" "") | toJson }}
{{ merge (dict ) (dict "a" true "b" (dict "a" true "c" "t" "b" "") "c" .Values.nil) | toJson }}
{{ merge (dict ) (dict ) | toJson }}
{{ merge (dict ) (dict ) | toJson }}
{{ merge (dict "a" (dict "a" (dict "a" "s") "c" .Values.nil "b" "t") "c" true "b" .Values.emptymap) | toJson }}
{{ merge (dict ) (dict "c" (list)) | toJson }}
{{ merge (dict "c" .Values.nil "b" (list)) | toJson }}
{{ merge (dict "c" (dict "c" "t") "b" 2.5) | toJson }}
{{ merge (dict "b" false "a" (dict "a" (dict "a" (list 1 2) "b" (list) "c" (list "x")) "b" true)) (dict "b" (dict )) (dict "a" (dict "b" (dict ))) | toJson }}
{{ merge (dict ) (dict ) (dict ) | toJson }}
{{ merge (dict "b" 1 "c" (dict "a" (dict "a" true) "c" (list "x"))) (dict "a" (dict ) "c" "t") | toJson }}
{{ merge (dict "a" (dict "a" 1)) (dict "a" "t" "b" (dict "c" (list 1 2) "b" (dict "a" (list 1 2) "b" .Values.zero "c" (list 1 2)) "a" true)) (dict "c" 1 "b" .Values.nil "a" (dict "c" 1 "b" (dict "c" true "b" false "a" 1))) | toJson }}
{{ merge (dict ) | toJson }}
{{ merge (dict "a" (list "x") "c" (dict "a" "" "b" "t")) (dict "a" .Values.nil "c" "s" "b" .Values.nil) (dict "c" 0 "b" "" "a" "") | toJson }}
{{ merge (dict ) (dict "c" 1 "a" "t") | toJson }}
{{ merge (dict ) (dict "a" (list 1 2) "b" .Values.nil "c" 2.5) (dict "a" .Values.nil) | toJson }}
{{ merge (dict "a" (dict ) "b" "t" "c" .Values.nil) (dict ) (dict ) | toJson }}
{{ merge (dict "b" (dict "a" (dict "c" 1 "b" .Values.emptymap) "c" .Values.nil)) (dict ) (dict "c" 1) | toJson }}
{{ merge (dict ) (dict ) | toJson }}
{{ merge (dict ) | toJson }}
{{ merge (dict "c" (dict "c" .Values.nil "b" "t") "a" (list)) (dict "c" (list 1 2) "b" (list "x") "a" 2.5) (dict ) | toJson }}
{{ merge (dict "b" "t" "a" "t" "c" (dict "c" 2.5 "b" "t" "a" (dict ))) (dict "c" (list "x") "b" "" "a" .Values.nil) (dict "c" true) | toJson }}
{{ merge (dict ) (dict "c" 1 "a" "t" "b" (dict "c" "t" "b" (list 1 2))) (dict "b" .Values.nil "a" (dict )) | toJson }}
{{ merge (dict "a" "s" "b" (dict "c" (dict "c" (list) "b" (list 1 2))) "c" (dict )) (dict "b" (dict "b" (list 1 2) "a" (dict "c" true "b" 1)) "a" "s") (dict "b" 1 "c" (dict "c" .Values.nil) "a" 1) | toJson }}
{{ merge (dict "b" (dict "c" .Values.nil) "a" (list 1 2)) (dict "a" true) (dict ) | toJson }}
{{ merge (dict "b" (list)) | toJson }}
{{ merge (dict ) | toJson }}
{{ merge (dict ) | toJson }}
{{ merge (dict ) | toJson }}
{{ merge (dict "b" 1 "c" (dict "a" (list) "b" 1 "c" 2.5) "a" .Values.emptymap) (dict "b" true) | toJson }}
{{ merge (dict ) (dict "a" (dict )) | toJson }}
{{ merge (dict "b" 2.5 "c" (dict "a" (dict "c" .Values.zero))) (dict "b" .Values.nil "a" "s" "c" (dict )) | toJson }}
{{ merge (dict "a" "s") (dict "a" .Values.nil "c" (dict "c" 2.5 "a" (list 1 2)) "b" 1) (dict "a" .Values.zero) | toJson }}
{{ merge (dict "b" "t" "a" .Values.nil) | toJson }}
{{ merge (dict "c" "s" "a" (dict ) "b" (dict "b" "s")) | toJson }}
{{ merge (dict ) (dict "c" "s" "b" (dict ) "a" .Values.nil) (dict "b" 2.5) | toJson }}
{{ merge (dict "a" "s" "b" (list 1 2)) | toJson }}
{{ merge (dict "b" (dict "a" .Values.nil "b" (dict "b" "t") "c" "t") "a" .Values.nil) | toJson }}
{{ merge (dict "c" 1 "a" (list "x") "b" (list 1 2)) | toJson }}
{{ merge (dict "c" (dict "c" .Values.nil "b" (list 1 2))) (dict "c" 0 "a" (list "x")) | toJson }}
{{ mergeOverwrite (dict "c" .Values.nil "a" (dict "b" "s" "c" (dict "c" true "b" (list "x") "a" (list 1 2)) "a" .Values.nil)) (dict "c" (dict "c" "" "a" (dict "c" true "a" 1 "b" (list "x"))) "a" "") | toJson }}
{{ mergeOverwrite (dict "c" "t") | toJson }}
{{ mergeOverwrite (dict ) (dict "b" (dict "c" .Values.nil) "c" 1) | toJson }}
{{ mergeOverwrite (dict "c" "s" "b" true "a" .Values.nil) (dict ) | toJson }}
{{ mergeOverwrite (dict "c" .Values.nil "b" "t" "a" "") (dict "b" (dict "c" false "a" false) "a" "t") (dict "c" .Values.zero "b" .Values.nil) | toJson }}
{{ mergeOverwrite (dict "b" (dict "c" (dict ) "a" "t" "b" (dict "b" "s" "c" 2.5 "a" (list 1 2))) "c" true) (dict "b" 2.5 "c" (list 1 2) "a" (dict "b" (list))) (dict "b" true "c" true) | toJson }}
{{ mergeOverwrite (dict "b" 2.5 "a" 2.5) (dict "a" (dict "a" "s") "c" (dict "a" "s" "b" .Values.nil "c" "s") "b" .Values.zero) | toJson }}
{{ mergeOverwrite (dict "a" 2.5 "c" "s") (dict "c" (dict ) "b" "s") | toJson }}
{{ mergeOverwrite (dict ) (dict "b" (dict "a" 1 "c" (dict "b" "t" "c" "t") "b" (list 1 2)) "c" (dict "c" (dict "b" false "a" 2.5 "c" (list 1 2)) "b" (dict )) "a" .Values.zero) | toJson }}
{{ mergeOverwrite (dict "b" (dict "c" .Values.nil "b" .Values.nil "a" 0)) (dict "a" "t" "c" "t") (dict "a" .Values.zero) | toJson }}
{{ mergeOverwrite (dict "c" 1) (dict "c" .Values.nil "b" (dict "c" (dict ))) (dict ) | toJson }}
{{ mergeOverwrite (dict "c" (dict "c" false)) (dict "b" "t" "a" (dict "b" true) "c" (dict "a" (list) "c" (dict "c" false) "b" (dict ))) (dict "b" (dict ) "a" (list)) | toJson }}
{{ mergeOverwrite (dict "b" true "a" (dict "a" 1 "b" true) "c" .Values.nil) | toJson }}
{{ mergeOverwrite (dict "c" (list) "b" "t" "a" (dict )) (dict "a" (dict "b" .Values.zero "a" (dict "b" true) "c" (dict "c" 2.5 "a" 1))) (dict ) | toJson }}
{{ mergeOverwrite (dict "c" 1) (dict "b" (dict "b" 1 "c" (dict ) "a" "") "c" 1 "a" (list "x")) (dict ) | toJson }}
{{ mergeOverwrite (dict ) (dict "c" 2.5 "b" .Values.nil "a" .Values.nil) | toJson }}
{{ mergeOverwrite (dict "a" "t" "c" (dict "c" "t" "b" true) "b" 1) | toJson }}
{{ mergeOverwrite (dict "a" false) (dict "a" true) (dict "c" "s" "b" 2.5 "a" (list 1 2)) | toJson }}
{{ mergeOverwrite (dict "c" (dict ) "a" 1 "b" .Values.emptymap) (dict "c" "s" "a" .Values.nil) | toJson }}
{{ mergeOverwrite (dict "c" "s" "a" (dict "c" 2.5 "a" true) "b" .Values.nil) | toJson }}
{{ mergeOverwrite (dict "b" .Values.nil) (dict ) (dict "b" (dict "a" 2.5 "c" "t" "b" true) "a" 1 "c" "s") | toJson }}
{{ mergeOverwrite (dict ) (dict "b" "t" "a" 2.5 "c" 1) | toJson }}
{{ mergeOverwrite (dict "a" "t") (dict "a" (list)) | toJson }}
{{ mergeOverwrite (dict "b" (dict )) (dict "c" .Values.zero) (dict ) | toJson }}
{{ mergeOverwrite (dict "b" (list "x") "a" (dict "a" (dict "b" 1 "c" .Values.zero) "c" true "b" 2.5) "c" 2.5) | toJson }}
{{ mergeOverwrite (dict "c" (list 1 2)) (dict "b" true) (dict "b" 0) | toJson }}
{{ mergeOverwrite (dict ) (dict "b" (dict "b" (dict "a" 1 "c" (list "x") "b" 0) "c" 0) "a" .Values.zero) (dict "b" "s" "a" (dict ) "c" (dict "b" 0 "c" "t" "a" (dict "b" (list)))) | toJson }}
{{ mergeOverwrite (dict "b" (dict "b" .Values.nil) "a" (dict "a" (dict ) "b" 2.5) "c" (dict )) (dict ) (dict "a" "s" "c" (dict "c" .Values.emptymap "a" (dict "b" "t") "b" (dict "c" 1 "a" "t"))) | toJson }}
{{ mergeOverwrite (dict "c" (dict "c" "t") "a" .Values.emptymap "b" 2.5) (dict "b" 1 "c" (dict ) "a" .Values.nil) | toJson }}
{{ mergeOverwrite (dict "a" "s" "b" (dict ) "c" 2.5) | toJson }}
{{ mergeOverwrite (dict "c" .Values.zero) | toJson }}
{{ mergeOverwrite (dict "a" (list "x") "c" "s") (dict "a" (dict "a" true) "b" .Values.nil) | toJson }}
{{ mergeOverwrite (dict ) (dict "a" (list 1 2) "b" .Values.nil "c" "t") (dict "a" false "b" "t" "c" false) | toJson }}
{{ mergeOverwrite (dict "b" "s" "c" "") | toJson }}
{{ mergeOverwrite (dict ) | toJson }}
{{ mergeOverwrite (dict "b" "s" "c" "t") | toJson }}
{{ mergeOverwrite (dict "c" (list "x") "a" (dict "b" (list)) "b" 1) | toJson }}
{{ mergeOverwrite (dict ) (dict "b" true "c" "s" "a" 1) (dict "b" .Values.zero "c" (dict "b" .Values.nil)) | toJson }}
{{ mergeOverwrite (dict "c" (dict ) "b" (dict "a" "s" "b" false "c" "t")) | toJson }}
{{ mergeOverwrite (dict ) | toJson }}
{{ mergeOverwrite (dict "c" (dict "b" "s" "a" "t") "a" .Values.nil) (dict "a" (dict "c" false)) | toJson }}
{{ mergeOverwrite (dict "a" (list 1 2)) (dict "c" (dict ) "b" (dict "a" "s" "c" (dict ) "b" 0)) | toJson }}
{{ mergeOverwrite (dict "a" .Values.nil) | toJson }}
{{ mergeOverwrite (dict "c" (list "x") "b" (dict "a" true) "a" "t") | toJson }}
{{ mergeOverwrite (dict "b" (dict ) "a" "t" "c" 2.5) (dict "b" 1 "a" 2.5) | toJson }}
{{ mergeOverwrite (dict "c" (dict "c" .Values.emptymap "b" true) "b" (dict ) "a" "s") (dict "b" 0 "c" true "a" 1) (dict "b" (list) "a" (dict ) "c" (list)) | toJson }}
{{ mergeOverwrite (dict "b" (dict ) "a" (list "x")) (dict ) | toJson }}
{{ mergeOverwrite (dict "b" (dict "c" true) "c" (list 1 2)) | toJson }}
{{ mergeOverwrite (dict "a" "t" "c" (dict "c" (dict "b" true "a" true "c" (list "x"))) "b" 2.5) (dict "a" 2.5 "c" .Values.zero "b" .Values.nil) | toJson }}
{{ mergeOverwrite (dict ) (dict "c" .Values.nil "b" "s") (dict "a" .Values.nil "c" "s" "b" (dict "a" (dict ))) | toJson }}
{{ mergeOverwrite (dict "a" 2.5) | toJson }}
{{ mergeOverwrite (dict ) (dict ) (dict ) | toJson }}
{{ mergeOverwrite (dict ) | toJson }}
{{ mergeOverwrite (dict "b" "t" "a" (dict "b" (dict "a" (list) "c" (list "x")))) (dict "a" .Values.nil "b" (dict "c" 1) "c" (dict "b" "s")) (dict ) | toJson }}
{{ mergeOverwrite (dict "a" 1) (dict "a" true) | toJson }}
{{ mergeOverwrite (dict ) | toJson }}
{{ mergeOverwrite (dict "a" "s") (dict ) | toJson }}
{{ mergeOverwrite (dict ) | toJson }}
{{ mergeOverwrite (dict ) (dict ) (dict "b" "t") | toJson }}
{{ mergeOverwrite (dict "c" (dict "a" (list 1 2) "b" "t")) (dict "c" .Values.nil "b" (dict "b" (dict "b" true "c" .Values.nil "a" (list 1 2)) "a" (list 1 2) "c" false) "a" (dict "b" .Values.zero)) | toJson }}
{{ $d := (dict "a" .Values.nil) }}{{ $_ := merge $d (dict "a" (dict "a" 1 "b" (dict "b" (list 1 2) "a" "s" "c" true))) }}{{ toJson $d }}
{{ $s := (dict ) }}{{ $_ := mergeOverwrite (dict) $s }}{{ $_ := set $s "z" 1 }}{{ toJson $s }}
{{ $d := (dict "b" "") }}{{ $_ := merge $d (dict "c" (list 1 2)) }}{{ toJson $d }}
{{ $s := (dict "c" (list) "b" (dict "a" (dict "b" (list) "c" (list 1 2)) "b" "s" "c" (dict "a" (list 1 2)))) }}{{ $_ := mergeOverwrite (dict) $s }}{{ $_ := set $s "z" 1 }}{{ toJson $s }}
{{ $d := (dict "a" (dict "c" 2.5 "b" .Values.emptymap)) }}{{ $_ := merge $d (dict "c" 1) }}{{ toJson $d }}
{{ $s := (dict "a" (dict "a" "s") "b" (dict "a" "s" "c" 1) "c" (dict "c" (list "x"))) }}{{ $_ := mergeOverwrite (dict) $s }}{{ $_ := set $s "z" 1 }}{{ toJson $s }}
{{ $d := (dict ) }}{{ $_ := merge $d (dict "b" "t") }}{{ toJson $d }}
{{ $s := (dict ) }}{{ $_ := mergeOverwrite (dict) $s }}{{ $_ := set $s "z" 1 }}{{ toJson $s }}
{{ $d := (dict ) }}{{ $_ := merge $d (dict "b" (dict ) "c" .Values.zero) }}{{ toJson $d }}
{{ $s := (dict "c" "t" "b" (dict "b" (dict "a" 1 "c" (list 1 2)) "a" 2.5)) }}{{ $_ := mergeOverwrite (dict) $s }}{{ $_ := set $s "z" 1 }}{{ toJson $s }}
{{ $d := (dict "a" "s" "b" (dict "c" (list "x") "a" 2.5 "b" .Values.zero) "c" (dict "b" (dict ))) }}{{ $_ := merge $d (dict "b" 1 "a" 1 "c" (dict "a" "s")) }}{{ toJson $d }}
{{ $s := (dict "c" 1 "b" .Values.emptymap "a" (list 1 2)) }}{{ $_ := mergeOverwrite (dict) $s }}{{ $_ := set $s "z" 1 }}{{ toJson $s }}
{{ $d := (dict "a" true "b" 2.5 "c" (dict "a" true "b" (dict "b" "s"))) }}{{ $_ := merge $d (dict "c" 1 "b" .Values.emptymap) }}{{ toJson $d }}
{{ $s := (dict ) }}{{ $_ := mergeOverwrite (dict) $s }}{{ $_ := set $s "z" 1 }}{{ toJson $s }}
{{ $d := (dict "c" (dict "c" (dict "b" (list) "a" (list) "c" "t"))) }}{{ $_ := merge $d (dict "a" .Values.nil "b" false) }}{{ toJson $d }}
{{ $s := (dict "c" true) }}{{ $_ := mergeOverwrite (dict) $s }}{{ $_ := set $s "z" 1 }}{{ toJson $s }}
{{ $d := (dict "b" "s") }}{{ $_ := merge $d (dict "a" (list "x") "b" 0) }}{{ toJson $d }}
{{ $s := (dict "b" "s" "c" (dict ) "a" (dict "a" (dict "c" "t" "a" .Values.nil "b" (list 1 2)) "b" 1 "c" true)) }}{{ $_ := mergeOverwrite (dict) $s }}{{ $_ := set $s "z" 1 }}{{ toJson $s }}
{{ $d := (dict "a" "") }}{{ $_ := merge $d (dict "b" 2.5) }}{{ toJson $d }}
{{ $s := (dict "c" (list "x") "a" .Values.nil) }}{{ $_ := mergeOverwrite (dict) $s }}{{ $_ := set $s "z" 1 }}{{ toJson $s }}
{{ $d := (dict "b" (dict "c" (list 1 2) "b" "t" "a" (dict "b" 1)) "c" (dict ) "a" .Values.nil) }}{{ $_ := merge $d (dict "a" 2.5 "b" (dict "c" true "b" 2.5 "a" (list 1 2)) "c" (dict "a" .Values.nil "b" .Values.zero "c" (list 1 2))) }}{{ toJson $d }}
{{ $s := (dict "c" .Values.emptymap "b" (list "x")) }}{{ $_ := mergeOverwrite (dict) $s }}{{ $_ := set $s "z" 1 }}{{ toJson $s }}
{{ $d := (dict "c" (dict "c" "s") "a" "t" "b" true) }}{{ $_ := merge $d (dict "a" (list "x") "b" 2.5 "c" (dict "a" (list "x") "b" (list))) }}{{ toJson $d }}
{{ $s := (dict ) }}{{ $_ := mergeOverwrite (dict) $s }}{{ $_ := set $s "z" 1 }}{{ toJson $s }}
{{ $d := (dict "c" (dict "b" true "a" (dict )) "b" "s" "a" 1) }}{{ $_ := merge $d (dict ) }}{{ toJson $d }}
{{ $s := (dict "b" (dict "b" (dict "c" (list)) "c" (dict "b" (list 1 2)) "a" true)) }}{{ $_ := mergeOverwrite (dict) $s }}{{ $_ := set $s "z" 1 }}{{ toJson $s }}
{{ $d := (dict "a" (list)) }}{{ $_ := merge $d (dict "a" "t") }}{{ toJson $d }}
{{ $s := (dict "a" .Values.zero "c" 1 "b" (list)) }}{{ $_ := mergeOverwrite (dict) $s }}{{ $_ := set $s "z" 1 }}{{ toJson $s }}
{{ $d := (dict "c" 2.5 "b" .Values.nil) }}{{ $_ := merge $d (dict "a" "s" "c" true "b" (dict "a" "s")) }}{{ toJson $d }}
{{ $s := (dict "b" "t" "a" .Values.emptymap "c" 1) }}{{ $_ := mergeOverwrite (dict) $s }}{{ $_ := set $s "z" 1 }}{{ toJson $s }}
{{ $d := (dict "b" .Values.nil "c" (list "x") "a" 1) }}{{ $_ := merge $d (dict ) }}{{ toJson $d }}
{{ $s := (dict "a" (dict "c" (list "x"))) }}{{ $_ := mergeOverwrite (dict) $s }}{{ $_ := set $s "z" 1 }}{{ toJson $s }}
{{ $d := (dict "c" (dict ) "a" (dict "b" true "a" true) "b" "") }}{{ $_ := merge $d (dict "a" (list) "b" "s" "c" .Values.nil) }}{{ toJson $d }}
{{ $s := (dict "a" (list)) }}{{ $_ := mergeOverwrite (dict) $s }}{{ $_ := set $s "z" 1 }}{{ toJson $s }}
{{ $d := (dict "a" 2.5 "b" (dict "a" (dict "c" "t" "b" (list "x") "a" (list)) "b" (dict "a" (list) "c" (list "x")) "c" "")) }}{{ $_ := merge $d (dict "a" .Values.nil "c" (dict "c" "t" "b" (dict "b" true "a" 2.5 "c" .Values.nil) "a" (dict "c" 2.5)) "b" (dict "b" .Values.emptymap)) }}{{ toJson $d }}
{{ $s := (dict "c" 1 "b" (list) "a" 2.5) }}{{ $_ := mergeOverwrite (dict) $s }}{{ $_ := set $s "z" 1 }}{{ toJson $s }}
{{ $d := (dict ) }}{{ $_ := merge $d (dict "b" "t" "c" 1) }}{{ toJson $d }}
{{ $s := (dict ) }}{{ $_ := mergeOverwrite (dict) $s }}{{ $_ := set $s "z" 1 }}{{ toJson $s }}
{{ $d := (dict "b" 2.5) }}{{ $_ := merge $d (dict "c" (dict ) "b" false "a" "s") }}{{ toJson $d }}
{{ $s := (dict "b" "t" "a" "t" "c" .Values.nil) }}{{ $_ := mergeOverwrite (dict) $s }}{{ $_ := set $s "z" 1 }}{{ toJson $s }}

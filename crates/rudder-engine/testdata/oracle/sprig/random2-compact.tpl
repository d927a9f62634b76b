{{ compact (list 1.0 "1" "a" true .Values.nil (dict)) }}
{{ compact (list 2 .Values.nil) }}
{{ compact (list "1" .Values.int) }}
{{ compact (list ) }}
{{ compact (list ) }}
{{ compact (list (dict) true) }}
{{ compact (list 1.0 true true) }}
{{ compact (list true (dict)) }}
{{ compact (list 1 (dict) 2 "1") }}
{{ compact (list true true) }}
{{ compact (list 2 (list 1) 1.0 (list 1)) }}
{{ compact (list true .Values.nil 2) }}
{{ compact (list 1 "1" 1 (dict)) }}
{{ compact (list .Values.int 1.0 "a") }}
{{ compact (list .Values.int true true true .Values.nil) }}
{{ compact (list (list 1) .Values.int) }}
{{ compact (list (dict) (dict)) }}
{{ compact (list 1) }}
{{ compact (list 1.0) }}
{{ compact (list "a" .Values.int "1" 2 "1") }}
{{ compact (list .Values.nil .Values.int 1 2 (dict) 1.0) }}
{{ compact (list 2 "a" 1.0 2 .Values.int) }}
{{ compact (list 2 2 "a" "1") }}
{{ compact (list .Values.nil 1 .Values.int true) }}
{{ compact (list (list 1) 1.0 "a" "a" .Values.int (list 1)) }}
{{ compact (list "a" .Values.nil (list 1) true (dict) "a") }}
{{ compact (list (list 1) 2 1.0 .Values.nil "a" 1) }}
{{ compact (list (dict) .Values.nil (dict) (list 1) 2) }}
{{ compact (list .Values.int (dict) .Values.int) }}
{{ compact (list .Values.nil 1 true (list 1)) }}

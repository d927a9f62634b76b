{{ has true (list "1") }}
{{ has "a" (list (list 1) true 1.0 .Values.nil "a") }}
{{ has 1 (list "a" 1.0 2 2 "a") }}
{{ has .Values.nil (list (list 1) 2) }}
{{ has "a" (list ) }}
{{ has 1 (list .Values.int 1 "a" 1 (list 1) (dict)) }}
{{ has (list 1) (list (list 1) true 1.0 2) }}
{{ has true (list "1" 2 "a" .Values.nil "a") }}
{{ has .Values.nil (list .Values.nil "1" "a") }}
{{ has "a" (list 1.0 (list 1) (dict) .Values.int .Values.nil "a") }}
{{ has .Values.nil (list 1.0 true (list 1) .Values.int 2) }}
{{ has "a" (list ) }}
{{ has 1 (list ) }}
{{ has 1 (list (list 1) true .Values.nil .Values.int 1.0 "a") }}
{{ has .Values.nil (list "1") }}
{{ has 1 (list ) }}
{{ has .Values.nil (list (dict)) }}
{{ has 1 (list .Values.nil 1.0 "1" 2) }}
{{ has .Values.nil (list 1.0 1 1 (dict) 1) }}
{{ has true (list "1" 1 1.0 2 .Values.nil 2) }}
{{ has "a" (list ) }}
{{ has .Values.nil (list "1" 1.0 "a" (list 1) .Values.nil) }}
{{ has 1.0 (list 1.0 1.0 "a" "a" 1) }}
{{ has true (list .Values.int "1" true .Values.nil .Values.int (dict)) }}
{{ has (list 1) (list 1 true (dict) .Values.nil) }}
{{ has true (list (dict)) }}
{{ has .Values.nil (list 2 1.0 .Values.int 2 1.0) }}
{{ has "a" (list ) }}
{{ has "a" (list ) }}
{{ has "a" (list .Values.nil 1 1 2 (dict) (list 1)) }}
{{ has true (list 2 true) }}
{{ has 1 (list (dict)) }}
{{ has 1 (list "1" .Values.nil (list 1)) }}
{{ has 1 (list (dict) 1.0 2 1.0 true) }}
{{ has 1 (list 1 .Values.nil) }}
{{ has 1 (list 1.0 true "1" 1.0 .Values.nil) }}
{{ has 1 (list 1.0 2 .Values.nil "a" (dict) (dict)) }}
{{ has "a" (list true (dict)) }}
{{ has .Values.nil (list (list 1) 2 "1" (list 1)) }}
{{ has true (list .Values.int (dict) (dict) 1) }}

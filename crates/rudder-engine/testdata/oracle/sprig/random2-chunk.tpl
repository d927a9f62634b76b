{{ chunk 3 (list (dict) (list 1) .Values.nil 2 .Values.int) }}
{{ chunk 4 (list ) }}
{{ chunk 2 (list .Values.int "a" "1") }}
{{ chunk 3 (list (dict) 1.0 (list 1)) }}
{{ chunk 2 (list .Values.int true (list 1) 2 1 true) }}
{{ chunk 3 (list ) }}
{{ chunk 4 (list 2 "a") }}
{{ chunk 3 (list "a" .Values.nil) }}
{{ chunk 2 (list 1.0) }}
{{ chunk 2 (list (dict) .Values.int 1) }}
{{ chunk 2 (list 1.0 1.0 (list 1)) }}
{{ chunk 3 (list (list 1) "a") }}
{{ chunk 4 (list .Values.int (list 1)) }}
{{ chunk 2 (list "1" .Values.int) }}
{{ chunk 2 (list .Values.int (list 1) (dict) "1" 1) }}
{{ chunk 3 (list "1" "a" true .Values.int) }}
{{ chunk 4 (list true 2 "1") }}
{{ chunk 2 (list 1.0 "a" 2 (dict) 1) }}
{{ chunk 2 (list 2 "a" .Values.int "a" (dict)) }}
{{ chunk 3 (list true 1 1) }}
{{ chunk 3 (list .Values.int "a" 2 "a" 1.0 true) }}
{{ chunk 3 (list (dict) .Values.nil 1 2) }}
{{ chunk 3 (list "1" 2) }}
{{ chunk 3 (list "1" .Values.int 1 true 2 2) }}
{{ chunk 1 (list true "a") }}
{{ chunk 3 (list 1 true 1 2) }}
{{ chunk 2 (list true "a" 2) }}
{{ chunk 3 (list 1 (dict)) }}
{{ chunk 3 (list ) }}
{{ chunk 3 (list "1" .Values.int 1.0 .Values.nil 2 .Values.int) }}
{{ chunk 4 (list .Values.nil (dict) .Values.nil 1.0) }}
{{ chunk 2 (list 1.0 (dict) "1" 1 .Values.int) }}
{{ chunk 1 (list "a") }}
{{ chunk 2 (list 1.0 (dict) 1) }}
{{ chunk 3 (list 1.0 (dict) 1.0 (list 1)) }}
{{ chunk 2 (list 2 true 2) }}
{{ chunk 3 (list (dict) (dict) .Values.int 1) }}
{{ chunk 3 (list "1" "1" 2) }}
{{ chunk 2 (list "a" (list 1) true true 1.0) }}
{{ chunk 2 (list .Values.nil) }}

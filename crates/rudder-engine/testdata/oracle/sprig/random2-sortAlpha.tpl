{{ sortAlpha (list ) }}
{{ sortAlpha (list 1.0) }}
{{ sortAlpha (list 1 (dict) 2 1.0 (dict)) }}
{{ sortAlpha (list true (dict) .Values.int (dict) 1.0) }}
{{ sortAlpha (list .Values.nil (dict) (dict) .Values.nil) }}
{{ sortAlpha (list .Values.int 1.0 (list 1) 1.0) }}
{{ sortAlpha (list (dict)) }}
{{ sortAlpha (list .Values.int "1" (dict)) }}
{{ sortAlpha (list "1" 1.0 1 .Values.nil .Values.int 1) }}
{{ sortAlpha (list .Values.nil .Values.nil) }}
{{ sortAlpha (list 1 2) }}
{{ sortAlpha (list ) }}
{{ sortAlpha (list 1 .Values.nil 1.0 (list 1) 1.0 true) }}
{{ sortAlpha (list (list 1) true .Values.nil (list 1) 2) }}
{{ sortAlpha (list true "1" .Values.nil) }}
{{ sortAlpha (list 1) }}
{{ sortAlpha (list 1.0) }}
{{ sortAlpha (list "1" .Values.int) }}
{{ sortAlpha (list 1.0 .Values.nil 1.0 (dict) 1.0 .Values.nil) }}
{{ sortAlpha (list 1.0 .Values.nil true (list 1) "a") }}
{{ sortAlpha (list (list 1) .Values.nil .Values.nil 2 2) }}
{{ sortAlpha (list "a") }}
{{ sortAlpha (list "a") }}
{{ sortAlpha (list 1 2 1.0 "1" (list 1)) }}
{{ sortAlpha (list 2 .Values.nil "1" 1 2 .Values.nil) }}
{{ sortAlpha (list 1 (dict) "a" (dict)) }}
{{ sortAlpha (list true 1 2) }}
{{ sortAlpha (list (dict) .Values.nil 2 1.0 1.0) }}
{{ sortAlpha (list (list 1)) }}
{{ sortAlpha (list 1 "a" 2 .Values.nil 2 (list 1)) }}

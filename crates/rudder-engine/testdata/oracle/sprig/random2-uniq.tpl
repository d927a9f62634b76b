{{ uniq (list .Values.int 1.0) }}
{{ uniq (list true) }}
{{ uniq (list ) }}
{{ uniq (list .Values.int .Values.int .Values.int 2) }}
{{ uniq (list "a") }}
{{ uniq (list ) }}
{{ uniq (list "a" .Values.nil 2 1.0 (dict) 2) }}
{{ uniq (list 2 1 1 1.0 true) }}
{{ uniq (list (list 1) "1" 2) }}
{{ uniq (list true 2 (dict) "1") }}
{{ uniq (list "1") }}
{{ uniq (list true) }}
{{ uniq (list 2 (dict)) }}
{{ uniq (list .Values.int 1.0 "1" "a" "1" (dict)) }}
{{ uniq (list 1 true .Values.int (dict) "a") }}
{{ uniq (list 1.0) }}
{{ uniq (list (dict) "1" 1) }}
{{ uniq (list "a" 1.0 2 (list 1) .Values.nil) }}
{{ uniq (list 1.0 (dict) (list 1) (dict)) }}
{{ uniq (list 1 .Values.nil true) }}
{{ uniq (list 1.0) }}
{{ uniq (list 1 .Values.nil .Values.int) }}
{{ uniq (list ) }}
{{ uniq (list ) }}
{{ uniq (list true .Values.int "1" .Values.int "1") }}
{{ uniq (list 1.0) }}
{{ uniq (list 1.0 .Values.nil .Values.int .Values.nil "1" .Values.int) }}
{{ uniq (list ) }}
{{ uniq (list (list 1)) }}
{{ uniq (list ) }}
{{ uniq (list (dict)) }}
{{ uniq (list (dict) (list 1)) }}
{{ uniq (list "a" "a" true (list 1) (list 1)) }}
{{ uniq (list .Values.nil) }}
{{ uniq (list (dict) .Values.int) }}
{{ uniq (list 1.0 "a" 1 2 (dict)) }}
{{ uniq (list true "1" (dict) "a" 1.0) }}
{{ uniq (list 1.0 (dict)) }}
{{ uniq (list "1" (list 1)) }}
{{ uniq (list 2 2 .Values.int (dict)) }}

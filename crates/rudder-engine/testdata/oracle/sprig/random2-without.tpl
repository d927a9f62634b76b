{{ without (list .Values.nil "1" "1" 1.0) "a" }}
{{ without (list 1 (list 1) .Values.nil true) true }}
{{ without (list "1" (dict) 1 (dict) 2 1.0) 1 1.0 }}
{{ without (list 2 "1" .Values.int 2 (list 1))  }}
{{ without (list .Values.nil .Values.nil .Values.nil "1" true (list 1))  }}
{{ without (list (list 1) "a" 2 .Values.nil) true .Values.nil }}
{{ without (list ) 1.0 1.0 }}
{{ without (list .Values.nil) true 1 }}
{{ without (list (dict)) true }}
{{ without (list )  }}
{{ without (list .Values.int "a" 1.0 "a" "1") "a" }}
{{ without (list "a" 1.0 1.0 .Values.int) .Values.nil }}
{{ without (list "1" (dict) true (list 1) .Values.nil 2)  }}
{{ without (list .Values.nil "a" 1.0 2)  }}
{{ without (list ) 1 true }}
{{ without (list "1" 2) 1.0 true }}
{{ without (list 1.0 .Values.nil (dict) true (dict) true)  }}
{{ without (list ) .Values.nil }}
{{ without (list 1.0 (dict)) 1.0 }}
{{ without (list .Values.int (list 1) 2 .Values.nil .Values.nil "a") 1 1.0 }}
{{ without (list .Values.int (dict) "a" (list 1) .Values.int) .Values.nil 1.0 }}
{{ without (list "1" (list 1) .Values.int (dict) "a") true }}
{{ without (list ) .Values.nil true }}
{{ without (list .Values.nil true .Values.int) 1 .Values.nil }}
{{ without (list "a" 1.0 1 .Values.nil "1") .Values.nil 1.0 }}
{{ without (list "1" 2 .Values.int 1 true 1.0) .Values.nil true }}
{{ without (list "1" (list 1)) .Values.nil }}
{{ without (list (list 1)) 1 1.0 }}
{{ without (list 2 .Values.int .Values.nil 2) 1 }}
{{ without (list (list 1) 1 "1" (dict) "1") 1 .Values.nil }}
{{ without (list 1.0 .Values.int 1.0 "a" (dict))  }}
{{ without (list true) 1 }}
{{ without (list ) true 1.0 }}
{{ without (list (dict) (dict) 1)  }}
{{ without (list (dict) 1.0) true }}
{{ without (list "a" .Values.nil (dict) .Values.nil "1") 1.0 }}
{{ without (list .Values.int true "a" 1.0 .Values.int "a") 1 true }}
{{ without (list true .Values.nil "a") "a" }}
{{ without (list ) "a" true }}
{{ without (list .Values.int "1" .Values.int) .Values.nil }}

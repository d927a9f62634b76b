{{ quote 1 }} {{ squote 1.5 }}
{{ quote "é\n" true true }} {{ squote  }}
{{ quote 1 "é\n" }} {{ squote (list 1) }}
{{ quote 1.5 }} {{ squote 1 }}
{{ quote (list 1) 1.5 (list 1) }} {{ squote "é\n" "é\n" }}
{{ quote 1 }} {{ squote  }}
{{ quote 1.5 true 1.5 }} {{ squote 1.5 true "é\n" }}
{{ quote .Values.nil "é\n" }} {{ squote "é\n" 1.5 }}
{{ quote  }} {{ squote "a b" true .Values.nil }}
{{ quote "é\n" 1.5 }} {{ squote  }}
{{ quote  }} {{ squote  }}
{{ quote true }} {{ squote "é\n" }}
{{ quote "é\n" 1.5 .Values.nil }} {{ squote true 1 1 }}
{{ quote "a b" (list 1) true }} {{ squote "é\n" }}
{{ quote (list 1) .Values.nil .Values.nil }} {{ squote  }}
{{ quote "é\n" (list 1) "a b" }} {{ squote "a b" (list 1) 1.5 }}
{{ quote  }} {{ squote 1.5 "é\n" }}
{{ quote 1.5 }} {{ squote .Values.nil "a b" }}
{{ quote 1.5 true 1.5 }} {{ squote 1.5 }}
{{ quote  }} {{ squote true "é\n" }}
{{ quote .Values.nil 1.5 }} {{ squote "a b" 1.5 }}
{{ quote "é\n" 1.5 }} {{ squote 1.5 }}
{{ quote (list 1) .Values.nil (list 1) }} {{ squote (list 1) "a b" .Values.nil }}
{{ quote  }} {{ squote  }}
{{ quote 1.5 }} {{ squote  }}
{{ quote 1 .Values.nil }} {{ squote  }}
{{ quote "a b" 1 }} {{ squote "a b" true }}
{{ quote true .Values.nil }} {{ squote true }}
{{ quote  }} {{ squote  }}
{{ quote 1 (list 1) }} {{ squote 1 "a b" "é\n" }}

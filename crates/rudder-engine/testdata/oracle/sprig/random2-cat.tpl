{{ cat  }}
{{ cat .Values.big (list 1) }}
{{ cat 1 .Values.nil .Values.big }}
{{ cat 1.5 }}
{{ cat  }}
{{ cat 1.5 .Values.big }}
{{ cat 1.5 }}
{{ cat "a" true "a" true }}
{{ cat  }}
{{ cat (list 1) }}
{{ cat 1.5 (list 1) "a" }}
{{ cat (list 1) 1.5 .Values.nil }}
{{ cat .Values.nil 1 1.5 1 }}
{{ cat 1.5 (list 1) true 1.5 }}
{{ cat "a" }}
{{ cat .Values.big }}
{{ cat .Values.nil }}
{{ cat 1.5 .Values.big }}
{{ cat  }}
{{ cat .Values.big true "a" }}
{{ cat .Values.big .Values.nil 1 }}
{{ cat .Values.big .Values.big 1.5 1 }}
{{ cat 1 }}
{{ cat .Values.nil "a" 1 }}
{{ cat .Values.big true (list 1) }}
{{ cat "a" }}
{{ cat 1.5 }}
{{ cat .Values.big (list 1) }}
{{ cat 1.5 (list 1) }}
{{ cat true .Values.big }}

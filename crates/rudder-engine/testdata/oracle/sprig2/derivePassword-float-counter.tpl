{{ derivePassword .Values.int "long" "p" "u" "s" }}

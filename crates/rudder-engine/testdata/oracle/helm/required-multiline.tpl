a
b: {{ required "line one\nline two" .Values.nil }}

a
b
   {{ .Values.nil.a.b }}

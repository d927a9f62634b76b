line one
line two {{ .Values.str }}
   {{ printf "%d" }} {{ .Values.nil.q }}

ok
  {{ .Values.nil.y }}
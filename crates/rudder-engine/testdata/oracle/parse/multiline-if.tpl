{{ if
  .Values.bool
}}yes{{ end }}

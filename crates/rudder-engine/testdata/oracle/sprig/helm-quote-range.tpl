{{ range .Values.strs }}- {{ . | quote }}
{{ end }}
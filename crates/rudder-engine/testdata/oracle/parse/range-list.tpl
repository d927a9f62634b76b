{{ range .Values.strs }}[{{ . }}]{{ end }}

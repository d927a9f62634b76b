{{ block "b" . }}
x
{{ else }}
y
{{ end }}

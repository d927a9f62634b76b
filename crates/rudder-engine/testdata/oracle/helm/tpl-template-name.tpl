{{ tpl "{{ .Template.Name }} {{ .Template.BasePath }}" . }}

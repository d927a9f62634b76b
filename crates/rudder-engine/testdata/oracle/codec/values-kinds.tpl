{{ range $k, $v := .Values }}{{ $k }}={{ kindOf $v }}:{{ $v }}
{{ end }}
{{ if $v := .Values.str }}{{ $v }}{{ end }}

{{ if
}}{{ end }}

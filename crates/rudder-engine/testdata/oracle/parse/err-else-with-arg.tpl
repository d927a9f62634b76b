{{ if true }}{{ else 1 }}{{ end }}

a
b
{{ if true }}  {{ len 3 }}{{ end }}
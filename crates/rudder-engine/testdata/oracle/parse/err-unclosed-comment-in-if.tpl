{{ if true }}
{{/* never closed

a
{{/* never closed

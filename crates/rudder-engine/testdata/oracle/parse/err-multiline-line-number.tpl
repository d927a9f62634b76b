one
two
three
{{ if }}

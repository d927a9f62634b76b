{{ `a\nb "q"` }}
{{ `multi
line` }}

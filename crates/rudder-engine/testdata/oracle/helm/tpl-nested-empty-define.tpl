{{ tpl "{{ tpl \"\" . }}x" . }}|{{ tpl "{{ define \"q\" }}Q{{ end }}" . }}|{{ tpl "{{ tpl \"{{/* only a comment */}}\" . }}y" . }}

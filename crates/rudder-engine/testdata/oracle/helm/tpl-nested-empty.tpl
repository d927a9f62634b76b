{{ $outer := "a{{ tpl \"\" . }}b" }}{{ tpl $outer . }}|{{ tpl "{{ tpl \"x{{ tpl \\\"\\\" . }}y\" . }}" . }}

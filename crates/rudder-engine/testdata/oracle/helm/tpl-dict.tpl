{{ tpl "{{ .a }}-{{ .b }}" (dict "a" 1 "b" "two") }}

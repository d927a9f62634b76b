{{ tpl "{{ include \"nope\" . }}" . }}

{{ tpl "{{ $.Release.Name }}" . }}

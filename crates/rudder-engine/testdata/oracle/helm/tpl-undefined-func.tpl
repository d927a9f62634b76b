{{ tpl "{{ nosuchfunc }}" . }}

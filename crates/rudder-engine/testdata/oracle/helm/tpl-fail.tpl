{{ tpl "{{ fail \"from tpl\" }}" . }}

{{ tpl "{{ define \"late\" }}L{{ end }}" . }}|{{ include "late" . }}

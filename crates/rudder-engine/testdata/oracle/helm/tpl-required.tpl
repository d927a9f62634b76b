{{ tpl "{{ required \"tpl needs it\" .Values.absent }}" . }}

{{ with $a, $b := .Values.list }}{{ end }}

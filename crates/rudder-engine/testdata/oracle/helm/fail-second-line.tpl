ok

      {{ if .Values.bool }}{{ fail "on line three" }}{{ end }}

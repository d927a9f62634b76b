{{ $.Values.str }} {{ with .Values.map }}{{ $.Values.name }}{{ end }}

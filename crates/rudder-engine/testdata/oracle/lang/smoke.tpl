{{ .Values.str }} {{ .Values.int }} {{ .Values.big }} {{ .Values.map }}

{{ .Values.if }}{{ .Values.range }}{{ .Values.end }}

{{ .Values.nested.deep.deeper.value }}

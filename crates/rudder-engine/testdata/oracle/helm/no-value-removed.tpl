[{{ .Values.absent }}] [{{ .Values.nested.absent }}]

{{ .Release }}

{{ include 1 . }}

spec:
  {{- toYaml .Values.map | nindent 2 }}

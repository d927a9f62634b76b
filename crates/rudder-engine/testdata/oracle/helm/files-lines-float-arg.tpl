{{ .Files.Lines .Values.int }}

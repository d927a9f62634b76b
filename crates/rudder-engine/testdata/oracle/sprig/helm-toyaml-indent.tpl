spec:
{{ toYaml .Values.map | indent 2 }}
{{ toYaml .Values.zero }}

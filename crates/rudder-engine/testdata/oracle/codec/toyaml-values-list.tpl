{{ toYaml .Values.list }}

{{ toYaml .Values.int }}

{{ toYaml .Values.nested }}

{{ toYaml .Values.numstr }}

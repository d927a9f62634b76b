{{ toYaml .Values.big }}

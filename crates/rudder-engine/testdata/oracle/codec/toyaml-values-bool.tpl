{{ toYaml .Values.bool }}

{{ toYaml .Values.emptylist }}

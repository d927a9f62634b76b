{{ toYaml .Values.strs }}

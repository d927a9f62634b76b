{{ toYaml .Values.empty }}

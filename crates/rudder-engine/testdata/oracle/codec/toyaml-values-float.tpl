{{ toYaml .Values.float }}

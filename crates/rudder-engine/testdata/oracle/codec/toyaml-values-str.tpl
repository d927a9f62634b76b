{{ toYaml .Values.str }}

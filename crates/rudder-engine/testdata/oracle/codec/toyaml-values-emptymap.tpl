{{ toYaml .Values.emptymap }}

{{ toYaml .Values.huge }}

{{ toYaml .Values.false }}

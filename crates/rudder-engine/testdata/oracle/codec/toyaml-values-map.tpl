{{ toYaml .Values.map }}

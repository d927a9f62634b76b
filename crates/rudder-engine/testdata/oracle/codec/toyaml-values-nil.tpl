{{ toYaml .Values.nil }}

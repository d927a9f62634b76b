[{{ toYaml .Values.nope }}]

{{ toYaml .Values.small }}

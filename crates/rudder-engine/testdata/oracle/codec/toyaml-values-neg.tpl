{{ toYaml .Values.neg }}

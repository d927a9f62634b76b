{{ mustToYaml .Values.map }}

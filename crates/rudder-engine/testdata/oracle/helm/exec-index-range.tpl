{{ index .Values.list 9 }}

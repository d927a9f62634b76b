{{ len .Values.list) }}

x: {{ required "empty is missing" .Values.empty }}

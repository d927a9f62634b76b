{{ required "m" .Values.map | keys | sortAlpha }}

{{ required "zero is fine" .Values.zero }}

{{ required "empty list is fine" .Values.emptylist }}

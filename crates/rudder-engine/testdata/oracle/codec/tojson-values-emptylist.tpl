{{ toJson .Values.emptylist }}

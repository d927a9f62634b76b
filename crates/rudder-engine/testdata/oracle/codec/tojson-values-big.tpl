{{ toJson .Values.big }}

{{ toJson .Values.int }}

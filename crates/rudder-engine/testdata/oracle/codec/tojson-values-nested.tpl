{{ toJson .Values.nested }}

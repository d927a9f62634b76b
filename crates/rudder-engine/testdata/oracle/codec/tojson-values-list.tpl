{{ toJson .Values.list }}

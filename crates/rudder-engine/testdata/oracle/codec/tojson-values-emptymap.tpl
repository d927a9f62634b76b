{{ toJson .Values.emptymap }}

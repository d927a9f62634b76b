{{ toJson .Values.empty }}

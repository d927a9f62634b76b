{{ toJson .Values.float }}

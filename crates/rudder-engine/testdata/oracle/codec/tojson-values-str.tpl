{{ toJson .Values.str }}

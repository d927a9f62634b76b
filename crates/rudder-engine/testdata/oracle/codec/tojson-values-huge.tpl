{{ toJson .Values.huge }}

{{ toJson .Values.map }}

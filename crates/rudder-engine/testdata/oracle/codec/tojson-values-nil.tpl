{{ toJson .Values.nil }}

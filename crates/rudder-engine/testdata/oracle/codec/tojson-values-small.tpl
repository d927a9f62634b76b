{{ toJson .Values.small }}

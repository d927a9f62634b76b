{{ toRawJson .Values }}

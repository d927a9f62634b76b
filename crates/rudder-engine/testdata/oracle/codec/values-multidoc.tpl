{{ toYaml .Values }}
---
{{ toJson .Values }}

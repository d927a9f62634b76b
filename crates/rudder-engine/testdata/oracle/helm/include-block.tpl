{{ block "blk" . }}default {{ .Values.str }}{{ end }}|{{ include "blk" . }}

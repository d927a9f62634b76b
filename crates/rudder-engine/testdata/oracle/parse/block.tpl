{{ block "blk" .Values.str }}block {{ . }}{{ end }}

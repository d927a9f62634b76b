{{- define "<CHARTNAME>.name" -}}<CHARTNAME>{{- end }}

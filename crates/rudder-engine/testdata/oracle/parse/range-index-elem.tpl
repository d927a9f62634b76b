{{ range $i, $e := .Values.strs }}{{ $i }}={{ $e }} {{ end }}

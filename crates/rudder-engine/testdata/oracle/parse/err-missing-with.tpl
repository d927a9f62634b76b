{{ with }}{{ end }}

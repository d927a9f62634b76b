{{ $_ := set .Release "Name" "changed" }}{{ .Release.Name }}

{{ if .Files }}has{{ else }}empty{{ end }} {{ empty .Files }}

{{ template "later" }}{{ define "later" }}L{{ end }}

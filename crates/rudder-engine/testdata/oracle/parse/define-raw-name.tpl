{{ define `raw` }}R{{ end }}{{ template `raw` }}

{{ range $p, $b := .Files }}{{ $p }}{{ end }}|{{ typeOf .Files }}

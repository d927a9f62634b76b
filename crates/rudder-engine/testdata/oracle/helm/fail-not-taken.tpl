{{ if false }}{{ fail "never" }}{{ end }}ok

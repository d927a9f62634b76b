{{ if true }}{{ else with 1 }}{{ end }}

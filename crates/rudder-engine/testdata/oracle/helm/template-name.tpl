{{ .Template.Name }}

{{ .Template.BasePath }}

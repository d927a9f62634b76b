[{{ .Files.Glob "**" }}] [{{ .Files.Glob "*.yaml" | len }}]

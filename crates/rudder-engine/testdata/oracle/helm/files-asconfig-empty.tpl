[{{ .Files.Glob "**" | .Files.AsConfig }}]

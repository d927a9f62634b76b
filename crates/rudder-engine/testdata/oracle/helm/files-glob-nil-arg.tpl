{{ .Files.Glob nil }}

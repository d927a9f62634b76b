{{ .Files.Get nil }}

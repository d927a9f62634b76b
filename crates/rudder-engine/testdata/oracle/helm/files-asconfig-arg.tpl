{{ .Files.AsConfig "x" }}

[{{ .Files.Get "nope.txt" }}]

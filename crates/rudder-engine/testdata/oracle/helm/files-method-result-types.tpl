{{ .Files.Get "x" | typeOf }}|{{ .Files.GetBytes "x" | typeOf }}|{{ .Files.Lines "x" | typeOf }}|{{ .Files.Lines "x" | len }}

{{ .Files.Lines "nope" }} {{ typeOf (.Files.Lines "nope") }}

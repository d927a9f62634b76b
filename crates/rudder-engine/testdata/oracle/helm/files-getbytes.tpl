{{ .Files.GetBytes "nope" }} {{ typeOf (.Files.GetBytes "nope") }}

{{ .Files }} {{ typeOf .Files }}

{{ .Template }} {{ typeOf .Template }}

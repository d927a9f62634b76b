{{ typeOf (.Files.GetBytes "x") }}|{{ .Files.Glob "*" | typeOf }}|{{ toJson (.Files.Glob "x") }}|{{ printf "%v" .Files }}

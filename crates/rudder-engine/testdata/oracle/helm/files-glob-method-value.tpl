{{ printf "%v" .Files.Glob }}

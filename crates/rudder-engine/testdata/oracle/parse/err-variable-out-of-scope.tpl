{{ with $x := 1 }}{{ end }}{{ $x }}

{{ $x := 0 }}{{ range $x = .Values.strs }}{{ end }}{{ $x }}

{{ $m := fromToml "i = 1\nf = 1.5\ns = \"x\"\nb = true\n[t]\n" }}{{ range $k, $v := $m }}{{ $k }}={{ kindOf $v }} {{ end }}

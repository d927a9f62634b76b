{{ $s := "bell\u0007" }}{{ toYaml (dict "k" $s $s "v" "l" (list $s (dict "n" $s))) }}

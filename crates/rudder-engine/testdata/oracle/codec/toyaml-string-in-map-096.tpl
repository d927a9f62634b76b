{{ $s := "a\n  b\n" }}{{ toYaml (dict "k" $s $s "v" "l" (list $s (dict "n" $s))) }}

{{ $s := "1e3" }}{{ toYaml (dict "k" $s $s "v" "l" (list $s (dict "n" $s))) }}

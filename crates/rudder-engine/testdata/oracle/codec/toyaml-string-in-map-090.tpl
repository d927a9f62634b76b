{{ $s := "1e400" }}{{ toYaml (dict "k" $s $s "v" "l" (list $s (dict "n" $s))) }}

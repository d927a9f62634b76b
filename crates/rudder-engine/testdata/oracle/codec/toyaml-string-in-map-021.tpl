{{ $s := "1_000" }}{{ toYaml (dict "k" $s $s "v" "l" (list $s (dict "n" $s))) }}

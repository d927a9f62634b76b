{{ $s := "1" }}{{ toYaml (dict "k" $s $s "v" "l" (list $s (dict "n" $s))) }}

{{ $s := "v1.2.3" }}{{ toYaml (dict "k" $s $s "v" "l" (list $s (dict "n" $s))) }}

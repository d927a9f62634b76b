{{ $s := "2001-12-14" }}{{ toYaml (dict "k" $s $s "v" "l" (list $s (dict "n" $s))) }}

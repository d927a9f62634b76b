{{ $s := "2001-12-14T21:59:43.10-05:00" }}{{ toYaml (dict "k" $s $s "v" "l" (list $s (dict "n" $s))) }}

{{ $s := "2001-13-14" }}{{ toYaml (dict "k" $s $s "v" "l" (list $s (dict "n" $s))) }}

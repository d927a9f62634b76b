{{ $s := "0x1F" }}{{ toYaml (dict "k" $s $s "v" "l" (list $s (dict "n" $s))) }}

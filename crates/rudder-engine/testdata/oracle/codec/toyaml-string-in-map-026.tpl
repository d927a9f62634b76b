{{ $s := "190:20:30" }}{{ toYaml (dict "k" $s $s "v" "l" (list $s (dict "n" $s))) }}

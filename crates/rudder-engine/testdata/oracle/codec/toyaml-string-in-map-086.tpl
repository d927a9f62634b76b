{{ $s := "a  b c c c c c c c c c c c c c c c c c c c c c c c c c c c c c c c c c c c c c c c c c c c c c c c c c c" }}{{ toYaml (dict "k" $s $s "v" "l" (list $s (dict "n" $s))) }}

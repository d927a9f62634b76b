{{ "a: \"\\x7f\"\nb: \"\\x85\"\n" | fromYaml | toYaml }}

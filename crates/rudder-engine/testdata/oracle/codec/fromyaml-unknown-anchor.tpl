{{ "a: *nope\n" | fromYaml | toYaml }}

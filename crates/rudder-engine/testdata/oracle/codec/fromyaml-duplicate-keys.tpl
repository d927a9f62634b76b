{{ "a: 1\na: 2\n" | fromYaml | toYaml }}

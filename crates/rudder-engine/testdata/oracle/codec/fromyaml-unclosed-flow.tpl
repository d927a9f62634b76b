{{ "a: [1, 2\n" | fromYaml | toYaml }}

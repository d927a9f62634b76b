{{ "a: {b: 1\n" | fromYaml | toYaml }}

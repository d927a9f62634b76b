{{ "a: b: c\n" | fromYaml | toYaml }}

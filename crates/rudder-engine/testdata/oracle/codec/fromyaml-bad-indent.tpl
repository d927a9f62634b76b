{{ "a:\n  - b\n c: d\n" | fromYaml | toYaml }}

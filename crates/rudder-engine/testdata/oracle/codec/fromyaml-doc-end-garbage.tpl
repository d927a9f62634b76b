{{ "a: 1\n--- x\n" | fromYaml | toYaml }}

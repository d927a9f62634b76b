{{ "a: - b\n" | fromYaml | toYaml }}

{{ "42\n" | fromYaml | toYaml }}

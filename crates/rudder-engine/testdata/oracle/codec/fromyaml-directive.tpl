{{ "%YAML 1.1\n---\na: 1\n" | fromYaml | toYaml }}

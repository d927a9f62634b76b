{{ "n: .nan\n" | fromYaml | toYaml }}

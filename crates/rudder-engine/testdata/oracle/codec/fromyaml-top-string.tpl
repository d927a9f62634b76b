{{ "just a string\n" | fromYaml | toYaml }}

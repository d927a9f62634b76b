{{ "a: \"unterminated\n" | fromYaml | toYaml }}

{{ "# only a comment\n" | fromYaml | toYaml }}

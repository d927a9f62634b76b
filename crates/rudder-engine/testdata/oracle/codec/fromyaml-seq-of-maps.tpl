{{ "- a: 1\n  b: 2\n- c: 3\n" | fromYaml | toYaml }}

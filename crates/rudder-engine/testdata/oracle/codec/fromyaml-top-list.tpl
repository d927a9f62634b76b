{{ "- a\n- b\n" | fromYaml | toYaml }}

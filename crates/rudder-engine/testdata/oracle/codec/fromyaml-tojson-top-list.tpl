{{ "- a\n- b\n" | fromYaml | toJson }}

{{ fromYamlArray "- a\n- 1\n- {b: c}\n" | toJson }}

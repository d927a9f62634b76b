{{ "- |-\n'it''s'!!str!!str" | fromYaml | toJson }}

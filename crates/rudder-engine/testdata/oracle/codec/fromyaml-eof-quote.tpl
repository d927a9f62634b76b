{{ "a: \"x" | fromYaml | toJson }}

{{ "a: {b" | fromYaml | toJson }}

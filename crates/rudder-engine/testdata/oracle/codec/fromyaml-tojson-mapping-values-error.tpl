{{ "a: b: c\n" | fromYaml | toJson }}

{{ "a: |\n  x" | fromYaml | toJson }}

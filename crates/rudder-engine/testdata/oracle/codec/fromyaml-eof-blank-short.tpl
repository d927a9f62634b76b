{{ "a: |\n    x\n  " | fromYaml | toJson }}

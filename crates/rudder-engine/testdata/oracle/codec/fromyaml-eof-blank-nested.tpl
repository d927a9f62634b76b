{{ "a:\n  b: |\n    x\n      " | fromYaml | toJson }}

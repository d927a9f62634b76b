{{ "a: >\n  x\n  y" | fromYaml | toJson }}

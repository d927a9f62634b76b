{{ "a: |\n  trailing spaces   \n  x\n" | fromYaml | toYaml }}

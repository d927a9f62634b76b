{{ "? [a, b]\n: c\n" | fromYaml | toYaml }}

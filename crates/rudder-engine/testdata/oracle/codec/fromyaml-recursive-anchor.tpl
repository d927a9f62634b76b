{{ "a: &x\n  b: *x\n" | fromYaml | toYaml }}

{{ "true: a\nfalse: b\n1: c\n1.5: d\n0.1: e\n" | fromYaml | toJson }}

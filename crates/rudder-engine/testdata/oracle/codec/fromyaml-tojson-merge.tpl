{{ "base: &b\n  x: 1\n  q: 2\nderived:\n  <<: *b\n  q: 3\nmulti:\n  <<: [*b, {z: 9}]\n  w: 0\nafter:\n  q: 10\n  <<: *b\n" | fromYaml | toJson }}

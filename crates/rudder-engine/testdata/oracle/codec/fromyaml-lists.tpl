{{ "list:\n- a\n- b\n- - c\n  - d\n- {x: 1}\n- []\n- {}\nempty_map: {}\nempty_list: []\n" | fromYaml | toYaml }}

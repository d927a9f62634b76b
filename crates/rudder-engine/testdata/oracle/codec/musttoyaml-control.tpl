{{ mustToYaml (list "a\u007fb") }}

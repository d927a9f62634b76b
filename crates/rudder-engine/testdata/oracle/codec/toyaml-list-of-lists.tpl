{{ toYaml (list (list 1 2) (list) (list (list "a"))) }}

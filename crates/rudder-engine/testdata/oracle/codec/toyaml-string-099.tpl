{{ toYaml "a\n " }}

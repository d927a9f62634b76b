{{ toYaml "a\n b" }}

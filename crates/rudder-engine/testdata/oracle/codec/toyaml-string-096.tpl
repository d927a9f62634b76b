{{ toYaml "a\n  b\n" }}

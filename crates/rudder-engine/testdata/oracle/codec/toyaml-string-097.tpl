{{ toYaml "  a\n  b" }}

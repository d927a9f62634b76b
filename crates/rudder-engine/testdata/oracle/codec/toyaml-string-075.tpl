{{ toYaml "a\u2028b" }}

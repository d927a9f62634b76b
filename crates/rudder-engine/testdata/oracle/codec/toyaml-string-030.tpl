{{ toYaml "a: b" }}

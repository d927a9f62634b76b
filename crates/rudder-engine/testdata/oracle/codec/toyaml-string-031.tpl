{{ toYaml "a:b" }}

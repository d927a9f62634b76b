{{ toYaml "a #b" }}

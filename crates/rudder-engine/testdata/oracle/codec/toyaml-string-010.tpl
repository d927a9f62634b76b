{{ toYaml "null" }}

{{ toYaml "\"a\"" }}

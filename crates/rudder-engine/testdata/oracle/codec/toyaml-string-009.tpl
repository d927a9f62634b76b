{{ toYaml "true" }}

{{ toYaml "v1.2.3" }}

{{ toYaml "1e3" }}

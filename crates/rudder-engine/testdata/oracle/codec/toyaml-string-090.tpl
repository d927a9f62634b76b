{{ toYaml "1e400" }}

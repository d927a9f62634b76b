{{ toYaml "1" }}

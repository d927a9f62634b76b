{{ toYaml "1.10" }}

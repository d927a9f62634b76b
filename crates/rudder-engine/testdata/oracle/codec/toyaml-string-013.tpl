{{ toYaml "1.0" }}

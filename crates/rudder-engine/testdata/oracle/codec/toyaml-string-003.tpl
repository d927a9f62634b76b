{{ toYaml "Yes" }}

{{ toYaml "---" }}

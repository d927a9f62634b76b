{{ toYaml "~" }}

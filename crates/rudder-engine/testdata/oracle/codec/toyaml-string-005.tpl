{{ toYaml "on" }}

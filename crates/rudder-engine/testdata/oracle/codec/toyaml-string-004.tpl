{{ toYaml "no" }}

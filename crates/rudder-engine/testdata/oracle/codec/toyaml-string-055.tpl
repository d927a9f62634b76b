{{ toYaml "it's" }}

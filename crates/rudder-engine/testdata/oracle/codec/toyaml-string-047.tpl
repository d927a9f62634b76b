{{ toYaml "!a" }}

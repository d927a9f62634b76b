{{ toYaml "a#b" }}

{{ toYaml "a,b" }}

{{ toYaml "0755" }}

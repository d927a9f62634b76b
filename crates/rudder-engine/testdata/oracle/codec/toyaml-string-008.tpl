{{ toYaml "n" }}

{{ toYaml "Infinity" }}

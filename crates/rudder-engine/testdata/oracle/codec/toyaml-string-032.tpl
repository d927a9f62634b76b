{{ toYaml "- x" }}

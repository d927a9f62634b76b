{{ toYaml "y" }}

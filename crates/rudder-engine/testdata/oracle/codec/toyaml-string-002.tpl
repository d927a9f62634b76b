{{ toYaml "yes" }}

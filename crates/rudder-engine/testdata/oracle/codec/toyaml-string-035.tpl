{{ toYaml "--- a" }}

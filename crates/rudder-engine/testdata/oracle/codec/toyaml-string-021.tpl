{{ toYaml "1_000" }}

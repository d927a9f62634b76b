{{ toYaml "..." }}

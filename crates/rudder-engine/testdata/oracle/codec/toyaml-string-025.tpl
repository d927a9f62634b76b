{{ toYaml "12:30" }}

{{ toYaml "bell\u0007" }}

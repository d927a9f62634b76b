{{ toYaml "nul\u0000" }}

{{ toYaml "*a" }}

{{ toYaml "+1" }}

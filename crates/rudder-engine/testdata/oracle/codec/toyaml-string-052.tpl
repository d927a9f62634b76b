{{ toYaml "%a" }}

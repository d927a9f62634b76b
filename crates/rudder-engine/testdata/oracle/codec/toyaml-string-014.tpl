{{ toYaml "-1" }}

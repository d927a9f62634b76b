{{ toYaml "-0" }}

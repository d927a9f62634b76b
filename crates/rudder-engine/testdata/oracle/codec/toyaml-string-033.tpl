{{ toYaml "-x" }}

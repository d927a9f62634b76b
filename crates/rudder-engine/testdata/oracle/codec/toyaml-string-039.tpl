{{ toYaml "#x" }}

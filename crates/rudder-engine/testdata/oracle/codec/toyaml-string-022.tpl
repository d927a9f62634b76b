{{ toYaml ".5" }}

{{ toYaml ".nan" }}

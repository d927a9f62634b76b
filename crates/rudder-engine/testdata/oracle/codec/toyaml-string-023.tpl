{{ toYaml ".inf" }}

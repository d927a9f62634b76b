{{ toYaml "{a}" }}

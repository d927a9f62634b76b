{{ toYaml "[a]" }}

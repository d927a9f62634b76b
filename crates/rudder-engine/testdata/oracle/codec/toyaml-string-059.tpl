{{ toYaml "tab\there" }}

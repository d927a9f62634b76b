{{ toYaml "`a" }}

{{ toYaml "|a" }}

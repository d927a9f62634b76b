{{ toYaml ":x" }}

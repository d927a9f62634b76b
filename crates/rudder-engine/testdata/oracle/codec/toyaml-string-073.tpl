{{ toYaml "a😀b" }}

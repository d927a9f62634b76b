{{ toYaml "back\\slash" }}

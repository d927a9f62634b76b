{{ toYaml "0x1F" }}

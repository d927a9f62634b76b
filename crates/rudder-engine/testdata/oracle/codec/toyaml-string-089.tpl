{{ toYaml "0b101" }}

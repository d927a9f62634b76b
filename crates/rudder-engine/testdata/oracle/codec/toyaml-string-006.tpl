{{ toYaml "off" }}

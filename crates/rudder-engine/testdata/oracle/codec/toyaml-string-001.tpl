{{ toYaml " " }}

{{ toYaml " x" }}

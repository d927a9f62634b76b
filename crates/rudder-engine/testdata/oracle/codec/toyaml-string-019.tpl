{{ toYaml "08" }}

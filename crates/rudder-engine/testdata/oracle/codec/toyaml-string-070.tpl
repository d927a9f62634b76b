{{ toYaml "é" }}

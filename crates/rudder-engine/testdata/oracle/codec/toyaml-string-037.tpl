{{ toYaml "? x" }}

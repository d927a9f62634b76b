{{ toYaml "a \nb" }}

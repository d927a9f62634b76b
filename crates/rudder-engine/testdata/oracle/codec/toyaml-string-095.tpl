{{ toYaml "NaN" }}

{{ toYaml "0o17" }}

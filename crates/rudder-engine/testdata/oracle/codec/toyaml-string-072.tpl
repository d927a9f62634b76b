{{ toYaml "😀" }}

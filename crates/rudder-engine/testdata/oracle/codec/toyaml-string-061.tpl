{{ toYaml "a\nb\n" }}

{{ toYaml "a\nb\n\n" }}

{{ toYaml "a\nb" }}

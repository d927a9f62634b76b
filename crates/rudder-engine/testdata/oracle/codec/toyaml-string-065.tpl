{{ toYaml "a\n\nb" }}

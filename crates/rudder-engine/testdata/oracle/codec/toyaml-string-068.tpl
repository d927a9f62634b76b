{{ toYaml " a\nb" }}

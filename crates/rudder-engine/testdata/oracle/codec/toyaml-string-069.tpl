{{ toYaml "a\r\nb" }}

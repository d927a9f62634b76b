{{ toYaml "trail " }}

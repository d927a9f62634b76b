{{ toYaml "" }}

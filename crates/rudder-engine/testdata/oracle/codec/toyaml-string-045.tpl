{{ toYaml "&a" }}

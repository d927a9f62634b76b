{{ toYaml "\n" }}

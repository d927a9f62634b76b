{{ toYaml "\ufeffbom" }}

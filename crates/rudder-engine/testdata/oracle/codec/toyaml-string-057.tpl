{{ toYaml " lead" }}

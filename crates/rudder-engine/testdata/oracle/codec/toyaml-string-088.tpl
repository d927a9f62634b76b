{{ toYaml "<<" }}

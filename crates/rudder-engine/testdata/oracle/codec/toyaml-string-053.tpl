{{ toYaml "@a" }}

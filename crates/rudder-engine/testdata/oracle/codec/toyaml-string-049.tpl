{{ toYaml ">a" }}

{{ toYaml "\na" }}

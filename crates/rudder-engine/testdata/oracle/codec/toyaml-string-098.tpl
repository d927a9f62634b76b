{{ toYaml "\ta\nb" }}

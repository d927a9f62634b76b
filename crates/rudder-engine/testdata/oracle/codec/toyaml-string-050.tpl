{{ toYaml "'a'" }}

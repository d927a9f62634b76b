{{ toYaml "\u2028" }}

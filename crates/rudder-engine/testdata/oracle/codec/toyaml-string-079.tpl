{{ toYaml "esc\u001b" }}

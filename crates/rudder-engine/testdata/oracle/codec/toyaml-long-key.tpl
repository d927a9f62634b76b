{{ toYaml (dict (repeat 130 "k") "v" (repeat 128 "j") "w") }}

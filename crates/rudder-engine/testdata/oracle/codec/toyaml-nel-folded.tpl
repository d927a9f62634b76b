{{ toYaml (dict "k" "a \u0085 \u0085\u0085 b" "j" "x\u0085") }}

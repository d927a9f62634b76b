{{ mustToYaml (dict "k\u0085x" "v") }}

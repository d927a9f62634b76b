{{ toYaml (dict "1a" 3 "1_" 4 "1b" 5 "x1y" 6 "x1-" 7) }}

{{ toYaml (dict "b" (list 1 2 3) "a" (dict "x" (list (dict "y" 1)))) }}

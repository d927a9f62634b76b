{{ toToml (dict "l" (list 1 "a" (dict "x" 1))) }}

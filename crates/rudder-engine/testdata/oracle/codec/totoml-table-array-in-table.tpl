{{ toToml (dict "t" (dict "l" (list (dict "a" 1)))) }}

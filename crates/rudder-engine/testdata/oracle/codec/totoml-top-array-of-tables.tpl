{{ toToml (list (dict "a" 1)) }}

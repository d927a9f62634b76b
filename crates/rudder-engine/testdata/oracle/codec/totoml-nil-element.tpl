{{ toToml (dict "l" (list nil)) }}

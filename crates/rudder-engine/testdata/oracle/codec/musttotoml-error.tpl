{{ mustToToml (dict "l" (list nil)) }}

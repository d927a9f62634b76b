{{ toToml (dict "a" (dict "b" (dict "c" 1) "d" 2) "b" (dict "x" 1)) }}

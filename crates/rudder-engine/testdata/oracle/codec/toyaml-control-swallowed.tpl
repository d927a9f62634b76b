[{{ toYaml (list "a\u0090b") }}]

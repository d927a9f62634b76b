{{ toYamlPretty (dict "l" (list (list 1 2) (dict "a" (list "x")))) }}

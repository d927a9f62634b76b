{{ toYamlPretty (list 1 1.5 1e6 (int64 5) "yes" "1.0" "on") }}

{{ toYamlPretty (list "\ta\nb" "a\n\tb" "tab\there" (dict "k" "x\ty\n")) }}

{{ toYamlPretty (dict "k" (repeat 40 "word ")) }}

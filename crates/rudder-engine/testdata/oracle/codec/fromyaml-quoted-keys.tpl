{{ "\"quoted key\": 1\n'single': 2\n\"yes\": 3\nplain key with spaces: 4\n" | fromYaml | toYaml }}

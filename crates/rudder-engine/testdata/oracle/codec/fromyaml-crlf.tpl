{{ "a: 1\r\nb: |\r\n  x\r\n  y\r\n" | fromYaml | toYaml }}

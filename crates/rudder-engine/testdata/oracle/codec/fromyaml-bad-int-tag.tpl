{{ "a: !!int foo\n" | fromYaml | toYaml }}

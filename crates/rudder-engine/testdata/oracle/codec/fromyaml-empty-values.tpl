{{ "a:\nb:\n  c:\n" | fromYaml | toYaml }}

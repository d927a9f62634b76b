{{ "i: -.inf\n" | fromYaml | toYaml }}

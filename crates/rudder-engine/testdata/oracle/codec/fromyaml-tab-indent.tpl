{{ "\ta: b\n" | fromYaml | toYaml }}

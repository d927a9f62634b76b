{{ "~: f\n" | fromYaml | toYaml }}

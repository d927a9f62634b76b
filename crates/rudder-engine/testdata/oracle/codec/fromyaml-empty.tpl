{{ "" | fromYaml | toYaml }}

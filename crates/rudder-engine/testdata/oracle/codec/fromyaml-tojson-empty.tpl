{{ "" | fromYaml | toJson }}

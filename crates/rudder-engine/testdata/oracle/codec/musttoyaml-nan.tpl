{{ mustToYaml (dict "a" (float64 "-Inf")) }}

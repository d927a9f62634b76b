{{ toToml (dict "a" (float64 "NaN") "b" (float64 "-Inf")) }}

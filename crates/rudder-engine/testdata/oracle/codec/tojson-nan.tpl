[{{ toJson (list (float64 "NaN")) }}]|[{{ toYaml (float64 "+Inf") }}]|[{{ toPrettyJson (float64 "NaN") }}]|[{{ toRawJson (float64 "-Inf") }}]

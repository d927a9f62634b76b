{{ float64 "-Inf" }}|{{ toRawJson (float64 "-Inf") }}|{{ toRawJson (list 1) }}|{{ mustToRawJson (float64 "NaN") }}

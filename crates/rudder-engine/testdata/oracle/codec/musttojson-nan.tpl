{{ mustToJson (float64 "NaN") }}

{{ fromJson "{\"a\": 1e}" | toJson }}

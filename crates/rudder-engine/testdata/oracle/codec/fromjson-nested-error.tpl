{{ fromJson "{\"a\": [1, 2}" | toJson }}

{{ fromJson "{\"k\": 1E2}" | toJson }}

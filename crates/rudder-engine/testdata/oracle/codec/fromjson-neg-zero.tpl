{{ fromJson "{\"k\": -0}" | toJson }}

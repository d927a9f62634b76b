{{ fromJson "{\"a\": 1} x" | toJson }}

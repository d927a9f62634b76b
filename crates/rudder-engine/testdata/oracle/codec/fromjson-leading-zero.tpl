{{ fromJson "{\"a\": 01}" | toJson }}

{{ fromJson "{\"a\":1e400, \"b\": 2}" | toJson }}

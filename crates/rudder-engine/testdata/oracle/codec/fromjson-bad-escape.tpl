{{ fromJson "{\"a\": \"\\x\"}" | toJson }}

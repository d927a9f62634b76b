{{ fromJson "{\"a\": \"\\u12\"}" | toJson }}

{{ fromJson "{\"a\": \"\t\"}" | toJson }}

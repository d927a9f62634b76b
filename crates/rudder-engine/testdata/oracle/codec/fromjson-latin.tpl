{{ fromJson "{\"a\": é}" | toJson }}

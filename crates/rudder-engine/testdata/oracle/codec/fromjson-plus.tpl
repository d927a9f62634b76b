{{ fromJson "{\"a\": +1}" | toJson }}

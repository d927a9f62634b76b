{{ fromJson "{\"a\": nul}" | toJson }}

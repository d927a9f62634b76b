{{ fromJson "{\"a\": tru}" | toJson }}

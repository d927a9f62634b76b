{{ fromJson "{\"a\": NaN}" | toJson }}

{{ fromJson "{\"a\": -}" | toJson }}

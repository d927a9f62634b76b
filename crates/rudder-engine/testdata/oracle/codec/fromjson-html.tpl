{{ fromJson "{\"<&>\": \"\\u003c\"}" | toJson }}

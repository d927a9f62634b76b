{{ fromJsonArray "{}" | toJson }}

{{ fromJson "null" | toJson }}

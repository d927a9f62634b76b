{{ fromJson "1" | toJson }}

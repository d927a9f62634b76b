{{ fromJson "\"s\"" | toJson }}

{{ fromJson "\u0001" | toJson }}

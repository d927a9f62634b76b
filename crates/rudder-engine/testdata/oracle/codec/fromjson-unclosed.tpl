{{ fromJson "{" | toJson }}

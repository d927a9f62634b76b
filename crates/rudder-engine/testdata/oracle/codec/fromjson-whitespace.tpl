{{ fromJson " {\"a\" : 1 } \n" | toJson }}

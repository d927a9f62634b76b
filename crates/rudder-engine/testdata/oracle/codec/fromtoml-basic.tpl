{{ fromToml "a = 1\nb = [1, 2.5]\n[t]\nc = \"x\"" | toJson }}

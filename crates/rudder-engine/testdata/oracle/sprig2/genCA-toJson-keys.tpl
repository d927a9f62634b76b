{{ genCA "x" 1 | toJson | fromJson | keys | sortAlpha }}

{{ fromJsonArray "[1," | toJson }}

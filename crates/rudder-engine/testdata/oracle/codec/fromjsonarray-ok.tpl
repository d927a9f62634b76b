{{ fromJsonArray "[1, \"a\", {\"b\": null}]" | toJson }}

{{ mustFromJson "[1, {\"a\": true}]" | toJson }}

{{ "a: [1," | fromYaml | toJson }}

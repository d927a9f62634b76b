{{ fromYamlArray "a: 1" | toJson }}

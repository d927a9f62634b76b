{{ fromYamlArray "- [a" | toJson }}

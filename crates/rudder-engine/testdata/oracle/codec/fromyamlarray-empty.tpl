{{ fromYamlArray "" | toJson }}|{{ fromYamlArray "" | len }}

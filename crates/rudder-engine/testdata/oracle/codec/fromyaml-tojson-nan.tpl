{{ "n: .nan\n" | fromYaml | toJson }}

{{ "unicode: 日本語\nkey日本: v\nemoji: 😀\n" | fromYaml | toJson }}

{{ "a: 'it''s'\nb: \"tab\\there\"\nc: \"uni\\u00e9\"\nd: \"\\x41\"\ne: \"emoji \\U0001F600\"\n" | fromYaml | toYaml }}

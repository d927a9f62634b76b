{{ randAlphaNum 20 | len }} {{ regexMatch "^[a-zA-Z0-9]{20}$" (randAlphaNum 20) }}

{{ randAlpha 15 | len }} {{ regexMatch "^[a-zA-Z]{15}$" (randAlpha 15) }}

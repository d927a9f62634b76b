{{ randAscii 30 | len }} {{ regexMatch "^[ -~]{30}$" (randAscii 30) }}

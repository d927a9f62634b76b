{{ randNumeric 9 | len }} {{ regexMatch "^[0-9]{9}$" (randNumeric 9) }}

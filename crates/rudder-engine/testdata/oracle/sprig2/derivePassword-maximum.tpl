{{ derivePassword 1 "maximum" "password" "user" "example.com" }}

{{ derivePassword 2 "pin" "password" "user" "example.com" }}

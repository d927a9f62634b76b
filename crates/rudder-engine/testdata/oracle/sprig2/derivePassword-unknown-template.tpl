{{ derivePassword 1 "nope" "p" "u" "s" }}

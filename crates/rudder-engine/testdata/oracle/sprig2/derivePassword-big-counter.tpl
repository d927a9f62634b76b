{{ derivePassword 4294967296 "long" "p" "u" "s" }}

{{ derivePassword 4294967297 "long" "p" "u" "s" }}|{{ derivePassword 1.0 "long" "p" "u" "s" }}|{{ derivePassword 0x1 "long" "p" "u" "s" }}

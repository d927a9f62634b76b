{{ derivePassword (int64 1) "long" "p" "u" "s" }}

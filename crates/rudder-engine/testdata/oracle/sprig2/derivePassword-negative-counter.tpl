{{ derivePassword -1 "long" "p" "u" "s" }}

{{ derivePassword 1 "medium" "p" "u" "s" }} {{ derivePassword 1 "short" "p" "u" "s" }}

{{ derivePassword nil "long" "p" "u" "s" }}

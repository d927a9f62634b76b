{{ derivePassword 1 "long" "pässwörd" "üser" "exämple.com" }}

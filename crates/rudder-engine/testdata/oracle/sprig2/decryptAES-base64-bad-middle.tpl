{{ decryptAES "k" "AAAA*AAA" }}

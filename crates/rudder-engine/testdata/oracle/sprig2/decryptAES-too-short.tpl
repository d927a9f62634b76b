{{ decryptAES "k" "AAAA" }}

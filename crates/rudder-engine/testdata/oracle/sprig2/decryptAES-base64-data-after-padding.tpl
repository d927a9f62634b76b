{{ decryptAES "k" "AA==AAAA" }}

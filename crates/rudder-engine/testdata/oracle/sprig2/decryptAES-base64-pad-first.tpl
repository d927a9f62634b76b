{{ decryptAES "k" "=AAA" }}

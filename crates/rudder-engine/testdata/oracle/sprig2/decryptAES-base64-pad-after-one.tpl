{{ decryptAES "k" "A===" }}

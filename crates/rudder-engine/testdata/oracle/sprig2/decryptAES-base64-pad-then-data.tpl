{{ decryptAES "k" "AA=x" }}

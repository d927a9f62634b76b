{{ decryptAES "k" "abc" }}

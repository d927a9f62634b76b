{{ decryptAES "k" "AAAAabc" }}

{{ encryptAES "k" "hi" | decryptAES "k" }}

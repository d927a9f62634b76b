{{ decryptAES "k" "%%%%" }}

{{ decryptAES "k" "AA=" }}

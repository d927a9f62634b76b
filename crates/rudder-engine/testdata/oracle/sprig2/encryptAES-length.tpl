{{ encryptAES "k" "hello" | len }} {{ encryptAES "k" "exactly sixteen!" | len }}

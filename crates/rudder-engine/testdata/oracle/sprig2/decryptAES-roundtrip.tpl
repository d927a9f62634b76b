{{ encryptAES "k3y" "hello world" | decryptAES "k3y" }}

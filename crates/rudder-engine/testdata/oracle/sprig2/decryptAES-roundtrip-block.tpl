{{ encryptAES "a-very-long-password-longer-than-32-bytes" "exactly sixteen!" | decryptAES "a-very-long-password-longer-than-32-bytes" }}

{{ encryptAES "ключ" "héllo wörld ✓ 🎉" | decryptAES "ключ" }}

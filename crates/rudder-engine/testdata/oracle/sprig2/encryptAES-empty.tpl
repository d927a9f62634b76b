[{{ encryptAES "k" "" }}]

[{{ decryptAES "k" "" }}]

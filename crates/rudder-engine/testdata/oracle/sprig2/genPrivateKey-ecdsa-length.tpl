{{ genPrivateKey "ecdsa" | len }}

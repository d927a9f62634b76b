{{ genPrivateKey "ed25519" | len }}

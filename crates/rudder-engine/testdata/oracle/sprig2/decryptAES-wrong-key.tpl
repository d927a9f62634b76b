{{ decryptAES "wrong" "j7MXL2zrmAvLgXCFjQcbJJwgCaXPZb65NnsnHNfcEvE=" | len }}

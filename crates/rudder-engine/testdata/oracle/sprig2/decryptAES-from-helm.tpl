{{ decryptAES "secretkey" "j7MXL2zrmAvLgXCFjQcbJJwgCaXPZb65NnsnHNfcEvE=" }}

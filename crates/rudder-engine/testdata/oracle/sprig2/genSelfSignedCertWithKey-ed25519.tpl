{{ $k := genPrivateKey "ed25519" }}{{ $c := genSelfSignedCertWithKey "x" nil nil 1 $k }}{{ eq $c.Key $k }}

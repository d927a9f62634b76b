{{ $ca := genCAWithKey "ca" 365 (genPrivateKey "ecdsa") }}{{ $k := genPrivateKey "ecdsa" }}{{ $c := genSignedCertWithKey "leaf" nil nil 30 $ca $k }}{{ eq $c.Key $k }}

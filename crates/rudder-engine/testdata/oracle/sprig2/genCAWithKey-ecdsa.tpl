{{ $k := genPrivateKey "ecdsa" }}{{ $ca := genCAWithKey "ca" 30 $k }}{{ eq $ca.Key $k }} {{ hasPrefix "-----BEGIN CERTIFICATE-----" $ca.Cert }}

{{ $c := genSelfSignedCert "example.com" nil nil 365 }}{{ hasPrefix "-----BEGIN CERTIFICATE-----" $c.Cert }}

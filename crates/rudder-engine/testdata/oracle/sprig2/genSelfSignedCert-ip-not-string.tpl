{{ genSelfSignedCert "example.com" (list 1) nil 365 }}

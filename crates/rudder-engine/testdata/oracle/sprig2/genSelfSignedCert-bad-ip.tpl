{{ genSelfSignedCert "example.com" (list "nope") nil 365 }}

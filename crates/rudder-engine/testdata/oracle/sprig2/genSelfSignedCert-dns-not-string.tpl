{{ genSelfSignedCert "example.com" nil (list true) 365 }}

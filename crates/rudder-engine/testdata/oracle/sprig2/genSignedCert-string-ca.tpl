{{ genSignedCert "a" nil nil 1 "x" }}

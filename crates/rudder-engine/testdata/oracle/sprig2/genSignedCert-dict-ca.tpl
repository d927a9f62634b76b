{{ genSignedCert "a" nil nil 1 (dict "Cert" "x" "Key" "y") }}

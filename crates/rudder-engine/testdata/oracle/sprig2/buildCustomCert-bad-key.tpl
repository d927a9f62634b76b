{{ $ca := genCA "ca" 1 }}{{ buildCustomCert ($ca.Cert | b64enc) (b64enc "junk") }}

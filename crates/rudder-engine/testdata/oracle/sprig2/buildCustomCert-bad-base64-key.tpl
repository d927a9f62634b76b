{{ buildCustomCert (b64enc "x") "%%%" }}

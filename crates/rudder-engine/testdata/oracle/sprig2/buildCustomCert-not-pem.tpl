{{ buildCustomCert (b64enc "hello") (b64enc "x") }}

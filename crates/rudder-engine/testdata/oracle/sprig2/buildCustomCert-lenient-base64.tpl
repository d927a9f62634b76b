{{ buildCustomCert "AB==" "AB==" }}

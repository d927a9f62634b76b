{{ buildCustomCert "%%%" "" }}

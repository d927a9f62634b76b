{{ randAlphaNum "5" }}

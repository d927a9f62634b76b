{{ randBytes 12 | len }} {{ randBytes 3 | len }} [{{ randBytes 0 }}]

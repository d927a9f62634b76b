{{ genCAWithKey "ca" 30 "not a key" }}

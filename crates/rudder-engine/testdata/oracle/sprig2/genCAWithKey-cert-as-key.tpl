{{ $ca := genCA "ca" 1 }}{{ genCAWithKey "ca" 30 $ca.Cert }}

[{{ randAlphaNum 0 }}][{{ randAlphaNum -1 }}][{{ randAscii -5 }}]

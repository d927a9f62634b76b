{{ durationRound 3600 }} {{ durationRound "bogus" }} {{ durationRound .Values.float }}

{{ durationRound "1s" }} {{ durationRound "61s" }} {{ durationRound "59s" }} {{ durationRound "1m1s" }}

{{ durationRound "24h" }} {{ durationRound "1h" }} {{ durationRound "720h" }}

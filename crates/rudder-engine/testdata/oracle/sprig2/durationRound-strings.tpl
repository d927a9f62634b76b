{{ durationRound "2h10m" }} {{ durationRound "25h" }} {{ durationRound "800h" }} {{ durationRound "9000h" }}

{{ durationRound "-3h30m" }}

{{ durationRound (int64 3600000000001) }} {{ durationRound (int64 5) }}

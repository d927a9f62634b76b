{{ dateInZone "2006-01-02 15:04 MST" (toDate "2006-01-02 15:04:05" "2024-02-29 13:04:05") "Europe/Paris" }}

{{ dateInZone "2006-01-02 15:04:05 MST -07:00" 1690000000 "America/New_York" }}

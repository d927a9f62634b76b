{{ dateInZone "2006-01-02 15:04 MST" 1700000000 "Local" }}

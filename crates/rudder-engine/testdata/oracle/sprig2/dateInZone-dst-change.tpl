{{ dateInZone "15:04 MST" 1710054000 "America/New_York" }} {{ dateInZone "15:04 MST" 1710061200 "America/New_York" }}

{{ dateInZone "15:04 MST Z07:00 -0700" 1700000000 "Asia/Kolkata" }}

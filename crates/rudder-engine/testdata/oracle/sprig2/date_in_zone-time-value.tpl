{{ date_in_zone "Jan 2 15:04 MST" (toDate "2006-01-02 15:04" "2024-06-01 12:00") "America/Los_Angeles" }}

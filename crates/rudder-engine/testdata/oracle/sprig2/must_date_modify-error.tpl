{{ toDate "2006-01-02 15:04" "2024-06-01 12:00" | must_date_modify "1y" }}

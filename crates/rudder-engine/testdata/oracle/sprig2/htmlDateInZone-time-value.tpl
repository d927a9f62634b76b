{{ htmlDateInZone (toDate "2006-01-02 15:04" "2024-06-01 23:30") "Asia/Tokyo" }}

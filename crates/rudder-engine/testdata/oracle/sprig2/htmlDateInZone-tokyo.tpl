{{ htmlDateInZone 1700000000 "Asia/Tokyo" }}

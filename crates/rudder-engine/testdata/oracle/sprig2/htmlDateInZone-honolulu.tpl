{{ htmlDateInZone 1700000000 "Pacific/Honolulu" }}

{{ htmlDateInZone 1700000000 "Nowhere" }}

{{ date_in_zone "2006-01-02 15:04 MST" 0 "Not/AZone" }}

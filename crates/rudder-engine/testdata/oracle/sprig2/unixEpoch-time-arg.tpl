{{ unixEpoch (toDate "2006-01-02" "2024-01-01") }} {{ dateModify "1h" (toDate "2006-01-02" "2024-01-01") | date "2006-01-02T15" }}

{{ printf "%#v" (toDate "2006-01-02" "2024-03-01").Month }}|{{ printf "%#v" (toDate "2006-01-02" "2024-03-01").Weekday }}

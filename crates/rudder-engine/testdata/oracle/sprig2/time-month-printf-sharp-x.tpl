{{ printf "%#v" (toDate "2006-01-02" "2024-01-01").Month }}|{{ printf "%x" (toDate "2006-01-02" "2024-01-01").Month }}

{{ date "2006-01-02 Monday" (toDate "2006" "0001") }}

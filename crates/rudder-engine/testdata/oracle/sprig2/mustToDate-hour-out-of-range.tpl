{{ mustToDate "15:04" "24:00" }}

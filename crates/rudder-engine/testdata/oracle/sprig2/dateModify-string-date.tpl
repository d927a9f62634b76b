{{ dateModify "1h" "2024-01-01" }}

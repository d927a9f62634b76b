{{ toDate "Jan _2 2006 MST" "Mar  5 2024 PST" }}

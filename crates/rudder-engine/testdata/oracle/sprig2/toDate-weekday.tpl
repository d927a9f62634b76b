{{ toDate "Mon Jan 2 2006" "Fri Mar 1 2024" }}

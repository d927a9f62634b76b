{{ toDate "January 2 2006" "march 5 2024" }}|{{ toDate "Jan 2 2006" "SEP 9 2024" }}

{{ toDate "3:04PM" "12:30AM" }}|{{ toDate "3:04pm" "1:05pm" }}

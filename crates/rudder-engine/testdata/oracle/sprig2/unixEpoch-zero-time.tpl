{{ toDate "x" "y" | unixEpoch }}

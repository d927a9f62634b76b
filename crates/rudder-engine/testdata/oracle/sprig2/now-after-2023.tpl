{{ gt (now | unixEpoch | atoi) 1700000000 }}

{{ unixEpoch 5 }}

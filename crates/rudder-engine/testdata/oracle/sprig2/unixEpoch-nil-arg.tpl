{{ unixEpoch nil }}

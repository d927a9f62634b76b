{{ unixEpoch "x" }}

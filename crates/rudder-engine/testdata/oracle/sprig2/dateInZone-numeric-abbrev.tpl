{{ dateInZone "15:04 MST" 1700000000 "America/Sao_Paulo" }}

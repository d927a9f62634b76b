{{ htmlDate 1700000000 }}

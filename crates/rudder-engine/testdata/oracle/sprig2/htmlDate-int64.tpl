{{ htmlDate (int64 0) }}

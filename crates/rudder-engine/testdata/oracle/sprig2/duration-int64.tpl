{{ duration (int64 3723) }}

{{ $t := (toDate "2006-01-02 15:04:05" "2024-02-29 13:04:05") }}{{ $t.Year }} {{ $t.Month }} {{ $t.Day }} {{ $t.Hour }} {{ $t.Minute }} {{ $t.Second }} {{ $t.YearDay }} {{ $t.Weekday }}

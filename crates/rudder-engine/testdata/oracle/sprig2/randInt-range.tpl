{{ $r := randInt 5 10 }}{{ and (ge $r 5) (lt $r 10) }} {{ randInt 7 8 }} {{ typeOf (randInt 1 2) }}

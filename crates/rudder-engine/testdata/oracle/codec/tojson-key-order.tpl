{{ toJson (dict "b" 1 "a" 2 "A" 3 "a10" 4 "a2" 5 "_" 6) }}

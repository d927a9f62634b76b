{{ adler32sum (repeat 10000 "ÿ") }}

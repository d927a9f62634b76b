{{ sha256sum (repeat 1000 "abc") }}

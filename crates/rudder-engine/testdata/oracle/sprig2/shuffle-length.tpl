{{ shuffle "hello" | len }} {{ shuffle "a" }} [{{ shuffle "" }}] {{ shuffle "aaaa" }}

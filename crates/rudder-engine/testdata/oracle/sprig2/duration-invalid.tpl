{{ duration "abc" }} {{ duration "" }} {{ duration "1.5" }}

{{ duration "95" }} {{ duration "3700" }} {{ duration "86400" }}

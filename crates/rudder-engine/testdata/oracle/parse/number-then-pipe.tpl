{{ 3 | printf "%d" }}

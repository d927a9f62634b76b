{{ printf "%T" now }}

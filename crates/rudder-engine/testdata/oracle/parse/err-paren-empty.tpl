{{ printf "%v" () }}

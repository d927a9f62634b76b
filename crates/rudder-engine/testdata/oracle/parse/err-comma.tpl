{{ printf "%v" , }}

{{ printf "%#v" .Files }}

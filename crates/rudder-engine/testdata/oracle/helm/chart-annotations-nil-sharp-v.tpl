{{ printf "%#v" .Chart.Annotations }}

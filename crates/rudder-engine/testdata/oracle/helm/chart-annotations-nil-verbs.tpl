{{ printf "%v %d" .Chart.Annotations .Chart.Annotations }}

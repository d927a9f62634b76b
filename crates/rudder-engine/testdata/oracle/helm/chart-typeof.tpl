{{ typeOf .Chart }} {{ typeOf .Chart.Keywords }} {{ typeOf .Chart.Deprecated }} {{ typeOf .Chart.Name }}

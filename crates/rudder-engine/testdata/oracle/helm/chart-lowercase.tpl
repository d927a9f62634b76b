[{{ .Chart.name }}]

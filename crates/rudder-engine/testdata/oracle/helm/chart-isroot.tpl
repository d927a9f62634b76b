{{ .Chart.IsRoot }}

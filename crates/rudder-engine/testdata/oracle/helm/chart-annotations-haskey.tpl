{{ hasKey .Chart.Annotations "x" }}

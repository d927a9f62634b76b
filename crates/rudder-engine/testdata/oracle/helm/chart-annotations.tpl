[{{ .Chart.Annotations }}] [{{ .Chart.Annotations.missing }}] {{ typeOf .Chart.Annotations }}

{{ .Subcharts }} {{ typeOf .Subcharts }}

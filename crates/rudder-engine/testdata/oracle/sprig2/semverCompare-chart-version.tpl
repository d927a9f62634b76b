{{ semverCompare "^0.1.0" .Chart.Version }} {{ semverCompare "<0.1.0" .Chart.Version }}

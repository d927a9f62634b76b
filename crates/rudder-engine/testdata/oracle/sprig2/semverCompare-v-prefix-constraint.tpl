{{ semverCompare ">=v1.20.0" "1.25.0" }}

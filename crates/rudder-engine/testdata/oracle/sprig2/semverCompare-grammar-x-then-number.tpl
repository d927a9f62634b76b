{{ semverCompare "x.1" "1.5.0" }}

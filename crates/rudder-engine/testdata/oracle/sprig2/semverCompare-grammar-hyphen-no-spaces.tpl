{{ semverCompare "1.2-1.4" "1.5.0" }}

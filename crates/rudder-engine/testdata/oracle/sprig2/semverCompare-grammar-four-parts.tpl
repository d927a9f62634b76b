{{ semverCompare "1.2.3.4" "1.5.0" }}

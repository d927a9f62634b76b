{{ semverCompare "v" "1.5.0" }}

{{ semverCompare "1.x" "1.4.0" }}

{{ semverCompare "1.X" "1.5.0" }}

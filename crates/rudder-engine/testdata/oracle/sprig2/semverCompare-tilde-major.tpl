{{ semverCompare "~1" "1.9.9" }}

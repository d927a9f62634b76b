{{ semverCompare "^1.2" "1.9.0" }}

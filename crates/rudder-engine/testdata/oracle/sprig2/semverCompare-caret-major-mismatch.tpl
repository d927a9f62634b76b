{{ semverCompare "^1.2" "2.0.0" }}

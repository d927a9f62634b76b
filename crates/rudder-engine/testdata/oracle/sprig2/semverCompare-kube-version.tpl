{{ semverCompare "~1.28.0" "v1.28.15" }}

{{ semverCompare "1.2.3" "v1.2.3" }}

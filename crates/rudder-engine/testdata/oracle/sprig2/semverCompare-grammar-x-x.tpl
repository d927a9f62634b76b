{{ semverCompare "1.x.x" "1.5.0" }}

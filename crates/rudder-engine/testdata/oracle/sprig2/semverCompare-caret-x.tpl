{{ semverCompare "^1.x" "1.5.0" }}

{{ semverCompare "!=1.2.x" "1.2.9" }}

{{ semverCompare "!=1.2.3" "1.2.4" }}

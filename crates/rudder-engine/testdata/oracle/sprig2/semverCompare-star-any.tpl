{{ semverCompare "*" "5.0.0" }}

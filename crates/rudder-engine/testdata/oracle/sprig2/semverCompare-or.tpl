{{ semverCompare "<1.0 || >=3.0" "3.1.0" }}

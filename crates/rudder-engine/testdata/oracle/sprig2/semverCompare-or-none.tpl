{{ semverCompare "<1.0 || >=3.0" "2.0.0" }}

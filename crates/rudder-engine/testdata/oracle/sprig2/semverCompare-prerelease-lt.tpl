{{ semverCompare "<2.0.0" "2.0.0-rc.1" }}

{{ semverCompare "^0.0.3" "0.0.4" }}

{{ semverCompare "^0.2.3" "0.3.0" }}

{{ semverCompare "^0.2.3" "0.2.9" }}

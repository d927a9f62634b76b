{{ semverCompare "1.2 - 1.4.5" "1.4.6" }}

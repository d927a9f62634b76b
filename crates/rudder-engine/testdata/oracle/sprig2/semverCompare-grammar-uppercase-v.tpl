{{ semverCompare "V1.2" "1.5.0" }}

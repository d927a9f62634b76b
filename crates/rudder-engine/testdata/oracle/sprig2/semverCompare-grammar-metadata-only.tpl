{{ semverCompare "+build" "1.5.0" }}

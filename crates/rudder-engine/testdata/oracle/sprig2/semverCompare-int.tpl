{{ semverCompare 1 "1.0.0" }}

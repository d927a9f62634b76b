{{ semverCompare "," "1.5.0" }}

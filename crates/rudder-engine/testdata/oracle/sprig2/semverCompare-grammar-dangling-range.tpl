{{ semverCompare "1.2.3 - " "1.5.0" }}

{{ semverCompare ">=1.0" "01.02.03" }}

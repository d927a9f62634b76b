{{ semverCompare ">=1.0" "bogus" }}

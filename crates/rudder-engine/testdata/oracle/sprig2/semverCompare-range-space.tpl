{{ semverCompare ">=1.0 <2.0" "2.0.0" }}

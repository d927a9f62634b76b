{{ semverCompare ">=1.0.0" "1.2.0-beta" }}

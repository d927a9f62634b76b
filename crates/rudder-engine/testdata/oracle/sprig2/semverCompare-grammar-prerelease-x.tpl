{{ semverCompare "1.x-beta" "1.5.0" }}

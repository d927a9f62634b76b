{{ semverCompare "^1.2.0-alpha" "1.2.0-beta" }}

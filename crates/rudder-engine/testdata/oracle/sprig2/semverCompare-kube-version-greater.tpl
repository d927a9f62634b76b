{{ semverCompare ">= 1.19.0-0" "v1.30.0" }}

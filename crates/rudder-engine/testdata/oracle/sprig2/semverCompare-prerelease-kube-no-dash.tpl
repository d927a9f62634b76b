{{ semverCompare ">=1.21" "v1.30.2-gke.1000" }}

{{ lookup "v1" "ConfigMap" "ns" "x" }}

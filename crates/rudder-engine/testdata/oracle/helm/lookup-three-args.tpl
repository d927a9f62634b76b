{{ lookup "v1" "Pod" "ns" }}

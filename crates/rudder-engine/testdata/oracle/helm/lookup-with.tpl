{{ with lookup "v1" "Namespace" "" "ns" }}found{{ else }}none{{ end }}

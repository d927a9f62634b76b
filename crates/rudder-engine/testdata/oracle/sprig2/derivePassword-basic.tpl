{{ derivePassword 3 "basic" "secret" "admin" "helm.sh" }}

{{ htpasswd "a:b" "secret" }}

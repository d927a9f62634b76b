{{ hasPrefix "admin:$2a$10$" (htpasswd "admin" "secret") }} {{ htpasswd "admin" "secret" | len }}

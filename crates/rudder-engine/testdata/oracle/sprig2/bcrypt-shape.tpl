{{ bcrypt "password" | len }} {{ hasPrefix "$2a$10$" (bcrypt "password") }}

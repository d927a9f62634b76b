{{ bcrypt (repeat 73 "x") }}

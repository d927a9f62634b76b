a {{-
.Values.str
-}} b

{{ printf
 "abc
 }}

{{-.Values.str }}

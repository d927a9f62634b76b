{{ regexFindAll `a.b` `a
b axb` -1 }}
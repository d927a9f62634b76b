{{ regexFindAll `(?s)a.b` `a
b` -1 }}
{{ regexFindAll `(?m)a$` `aa
a` -1 }}
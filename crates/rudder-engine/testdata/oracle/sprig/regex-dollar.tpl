{{ regexFindAll `a$` `aa
a` -1 }}
{{ regexFindAll `[^a]+` `b
c` -1 }}
{{ typeOf now }} {{ kindOf now }}

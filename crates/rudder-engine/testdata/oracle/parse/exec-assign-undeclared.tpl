{{ $undeclared = 1 }}

{{ seq 3 }}
{{ seq  }}
{{ seq -5 1 }}
{{ seq 1 4 0 }}
{{ seq -5 }}
{{ seq -6 0 0 }}
{{ seq  }}
{{ seq -2 5 6 }}
{{ seq 3 }}
{{ seq  }}
{{ seq -6 -6 }}
{{ seq  }}
{{ seq  }}
{{ seq 4 -3 0 }}
{{ seq  }}
{{ seq 6 }}
{{ seq 1 2 -3 }}
{{ seq -3 4 }}
{{ seq 6 }}
{{ seq -2 -6 0 }}
{{ seq  }}
{{ seq 4 }}
{{ seq -5 5 }}
{{ seq 5 5 }}
{{ seq 2 4 -3 }}
{{ seq -2 3 }}
{{ seq 2 0 3 }}
{{ seq  }}
{{ seq -3 5 6 }}
{{ seq 0 4 -4 }}
{{ seq 2 5 }}
{{ seq -5 1 }}
{{ seq  }}
{{ seq 2 }}
{{ seq -1 1 5 }}
{{ seq  }}
{{ seq -6 -2 5 }}
{{ seq 4 -4 -4 }}
{{ seq -6 }}
{{ seq 2 }}
{{ seq 0 }}
{{ seq 3 -1 }}
{{ seq -2 4 2 }}
{{ seq  }}
{{ seq 6 5 2 }}
{{ seq 2 }}
{{ seq 0 }}
{{ seq  }}
{{ seq -1 3 2 }}
{{ seq 2 }}
{{ seq 1 -1 0 }}
{{ seq -6 2 }}
{{ seq 1 3 }}
{{ seq  }}
{{ seq 4 }}
{{ seq 2 }}
{{ seq -5 }}
{{ seq -6 4 }}
{{ seq  }}
{{ seq  }}
{{ seq  }}
{{ seq -6 6 6 }}
{{ seq -3 -2 }}
{{ seq  }}
{{ seq -1 }}
{{ seq -5 -4 }}
{{ seq -2 }}
{{ seq 4 }}
{{ seq 4 5 }}
{{ seq 1 5 }}
{{ seq 1 1 }}
{{ seq  }}
{{ seq  }}
{{ seq 0 -1 }}
{{ seq 6 -3 -2 }}
{{ seq  }}
{{ seq 5 2 }}
{{ seq 3 }}
{{ seq -6 -3 -6 }}
{{ seq -4 -6 5 }}

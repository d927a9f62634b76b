{{ $x := .Values.str }}{{ $x }}

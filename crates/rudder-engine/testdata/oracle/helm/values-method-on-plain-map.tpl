{{ $x := dict "a" 1 }}{{ $x.Table }}

{{ $m := .Values.map }}{{ $m.d.e }} {{ $m.b }}

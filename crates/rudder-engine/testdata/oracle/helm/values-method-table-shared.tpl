{{ $t := .Values.Table "map" }}{{ $_ := set $t "z" 9 }}{{ .Values.map.z }}|{{ $m := .Values.AsMap }}{{ $_ := set $m "added" 1 }}{{ .Values.added }}

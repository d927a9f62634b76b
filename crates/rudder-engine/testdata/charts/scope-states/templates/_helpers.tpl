{{- define "states" -}}
own: {{ .Template.Name }} in {{ .Template.BasePath }}
sub: {{ with .Subcharts.sub.Template }}{{ .Name }}{{ else }}none yet{{ end }}
leaf: {{ with .Subcharts.sub.Subcharts.leaf.Template }}{{ .Name }}{{ else }}none yet{{ end }}
subTemplate: {{ toJson .Subcharts.sub.Template }}
{{- end -}}
{{- define "local" -}}
{{- $d := dict "a" 1 -}}
{{- $_ := set $d "b" (dict "c" .Values.image.tag) -}}
{{- $_ := unset $d "a" -}}
{{- $copy := deepCopy .Values -}}
{{- $_ := set $copy.image "tag" "changed in a copy" -}}
{{- $m := merge (dict "x" "mine") (dict "y" "theirs") -}}
local: {{ toJson $d }} {{ $copy.image.tag }} {{ toJson $m }} {{ .Values.image.tag }}
{{- end -}}

{{ .Values.AsMap | toJson }}|{{ printf "%T %T %T" .Values.AsMap .Values . }}|{{ (.Values.Table "emptymap").AsMap }}

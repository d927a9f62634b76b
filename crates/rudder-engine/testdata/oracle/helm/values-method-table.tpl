{{ .Values.Table "map" }}|{{ .Values.Table "map.d" | toJson }}|{{ printf "%T" (.Values.Table "map") }}|{{ .Table "Values" | keys | sortAlpha | join "," }}

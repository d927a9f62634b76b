{{ printf "%v" (printf "%v" (printf "%s" .Values.str)) }}
